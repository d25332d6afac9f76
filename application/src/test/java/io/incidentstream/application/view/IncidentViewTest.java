package io.incidentstream.application.view;

import static io.incidentstream.domain.fixtures.TestFilters.filter;
import static io.incidentstream.domain.fixtures.TestIncidents.T0;
import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.Severity;
import org.junit.jupiter.api.Test;

class IncidentViewTest {

    private final IncidentView view =
            new IncidentView(Integer.MAX_VALUE, java.time.Duration.ofDays(1), java.time.Clock.systemUTC());

    @Test
    void incidents_areFilteredByEveryKeyButEventTypes_mostRecentlyUpdatedFirst() {
        Incident older = incident().severity(Severity.P1).updatedAt(T0).build();
        Incident newer =
                incident().severity(Severity.P1).updatedAt(T0.plusSeconds(60)).build();
        Incident otherSeverity = incident().severity(Severity.P4).build();
        view.put(older);
        view.put(newer);
        view.put(otherSeverity);

        Filter p1Comments = filter().severities(Severity.P1)
                .eventTypes(EventType.COMMENT_ADDED)
                .build();

        assertThat(view.incidents(p1Comments)).containsExactly(newer, older);
    }

    @Test
    void incidents_withMatchAllFilter_returnsEveryIncident() {
        view.put(incident().build());
        view.put(incident().state(IncidentState.CLOSED).build());

        assertThat(view.incidents(Filter.all())).hasSize(2);
    }

    @Test
    void put_ofALaterVersion_replacesTheEarlierOne() {
        Incident first = incident().build();
        Incident second = incident().id(first.id()).title("renamed").build();

        view.put(first);
        view.put(second);

        assertThat(view.size()).isEqualTo(1);
        assertThat(view.incident(first.id())).contains(second);
    }

    @Test
    void get_ofNullOrUnknownId_isNull() {
        assertThat(view.get(null)).isNull();
        assertThat(view.get(incident().build().id())).isNull();
        assertThat(view.incident(incident().build().id())).isEmpty();
    }
}
