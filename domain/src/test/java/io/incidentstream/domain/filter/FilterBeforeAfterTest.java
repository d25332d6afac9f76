package io.incidentstream.domain.filter;

import static io.incidentstream.domain.fixtures.TestFilters.filter;
import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.domain.event.Escalated;
import io.incidentstream.domain.event.IncidentClosed;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.event.IncidentResolved;
import io.incidentstream.domain.event.IncidentUpdated;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.Severity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An event matches when the subject satisfies the whole filter just before or just after it. */
class FilterBeforeAfterTest {

    private final Filter p0Subscriber = filter().severities(Severity.P0).build();
    private final Filter activeSubscriber = filter().activeStates().build();

    @Test
    void givenP3Incident_escalatedToP0_matchesP0Subscriber() {
        Incident p3 = incident().severity(Severity.P3).build();

        assertThat(p0Subscriber.matches(Attribution.of(new Escalated(p3.id(), Severity.P3, Severity.P0, "r"), p3)))
                .isTrue();
    }

    @Test
    void givenP0Incident_deEscalatedToP3_stillMatchesP0Subscriber() {
        Incident p0 = incident().severity(Severity.P0).build();

        assertThat(p0Subscriber.matches(Attribution.of(new Escalated(p0.id(), Severity.P0, Severity.P3, "r"), p0)))
                .isTrue();
    }

    @Test
    void givenP3Incident_escalatedToP2_doesNotMatchP0Subscriber() {
        Incident p3 = incident().severity(Severity.P3).build();

        assertThat(p0Subscriber.matches(Attribution.of(new Escalated(p3.id(), Severity.P3, Severity.P2, "r"), p3)))
                .isFalse();
    }

    @Test
    void givenActiveIncident_resolved_stillMatchesActiveStatesFilter() {
        Incident active = incident().state(IncidentState.REMEDIATING).build();
        Incident resolved = active.withState(IncidentState.RESOLVED, active.updatedAt());

        assertThat(activeSubscriber.matches(Attribution.of(new IncidentResolved(resolved), active)))
                .isTrue();
    }

    @Test
    void givenResolvedIncident_closed_doesNotMatchActiveStatesFilter() {
        Incident resolved = incident().state(IncidentState.RESOLVED).build();
        Incident closed = resolved.withState(IncidentState.CLOSED, resolved.updatedAt());

        assertThat(activeSubscriber.matches(Attribution.of(new IncidentClosed(closed), resolved)))
                .isFalse();
    }

    @Test
    void givenResolvedIncidentNeverSeenBefore_doesNotMatchActiveStatesFilter() {
        Incident resolved = incident().state(IncidentState.RESOLVED).build();

        assertThat(activeSubscriber.matches(Attribution.of(new IncidentResolved(resolved), null)))
                .isFalse();
    }

    @Test
    void givenP0IncidentCreated_matchesP0Subscriber() {
        Incident p0 = incident().severity(Severity.P0).build();

        assertThat(p0Subscriber.matches(Attribution.of(new IncidentCreated(p0), null)))
                .isTrue();
    }

    @Test
    void givenIncidentMovedToAnotherSource_matchesSubscribersOfEitherSource() {
        Incident before = incident().source("prometheus").build();
        Incident after = incident().id(before.id()).source("datadog").build();
        EventAttributes attributes = Attribution.of(new IncidentUpdated(after, null), before);

        assertThat(filter().sources("prometheus").build().matches(attributes)).isTrue();
        assertThat(filter().sources("datadog").build().matches(attributes)).isTrue();
        assertThat(filter().sources("grafana").build().matches(attributes)).isFalse();
    }

    @Test
    void givenKeysSatisfiedOnlyAcrossBeforeAndAfter_doesNotMatch() {
        Incident before = incident().severity(Severity.P0).source("prometheus").build();
        Incident after = incident()
                .id(before.id())
                .severity(Severity.P3)
                .source("datadog")
                .build();
        Filter p0FromDatadog =
                filter().severities(Severity.P0).sources("datadog").build();

        assertThat(p0FromDatadog.matches(Attribution.of(new IncidentUpdated(after, null), before)))
                .isFalse();
    }

    @Test
    void givenLabelsFilter_allGivenPairsMustMatch() {
        Incident labelled = incident()
                .labels(Map.of("team", "payments", "env", "prod", "tier", "1"))
                .build();
        EventAttributes attributes = Attribution.of(new IncidentCreated(labelled), null);

        assertThat(filter().labels(Map.of("team", "payments")).build().matches(attributes))
                .isTrue();
        assertThat(filter().labels(Map.of("team", "payments", "env", "prod"))
                        .build()
                        .matches(attributes))
                .isTrue();
        assertThat(filter().labels(Map.of("team", "payments", "region", "eu"))
                        .build()
                        .matches(attributes))
                .isFalse();
        assertThat(filter().labels(Map.of("team", "Payments")).build().matches(attributes))
                .isFalse();
    }
}
