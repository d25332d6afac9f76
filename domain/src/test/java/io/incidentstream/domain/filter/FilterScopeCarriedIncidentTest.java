package io.incidentstream.domain.filter;

import static io.incidentstream.domain.fixtures.TestIncidents.alert;
import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.domain.event.AlertConverted;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.model.Alert;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.Severity;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An {@code alert_converted} is matched on its alert but carries the whole incident the alert joined:
 * an access scope must let that incident through too, or a payments token would read a security
 * incident inside a payments alert (found from outside).
 */
class FilterScopeCarriedIncidentTest {

    private static final Map<String, String> PAYMENTS = Map.of("team", "payments");

    private final Alert paymentsAlert =
            alert().severity(Severity.P1).labels(PAYMENTS).build();
    private final Incident security =
            incident().severity(Severity.P0).labels(Map.of("team", "security")).build();
    private final Incident payments =
            incident().severity(Severity.P1).labels(PAYMENTS).build();

    @Test
    void aScopedFilter_doesNotMatch_anAlertJoinedToAnIncidentOutsideTheScope() {
        Filter scoped = Filter.all().and(labels(PAYMENTS));

        assertThat(scoped.matches(converted(security))).isFalse();
        assertThat(scoped.matches(converted(payments))).isTrue();
    }

    @Test
    void aFilterWithoutScope_matchesOnTheAlertAlone() {
        Filter own = labels(PAYMENTS);

        assertThat(own.matches(converted(security))).isTrue();
    }

    @Test
    void aScopedFilter_matchesAnAlertJoinedToAnIncidentItDoesNotKnow() {
        // Unknown to the server: the event carries no incident (null), so only the alert is matched.
        assertThat(Filter.all()
                        .and(labels(PAYMENTS))
                        .matches(Attribution.of(new AlertConverted(paymentsAlert, security.id()), null)))
                .isTrue();
    }

    @Test
    void aScopeLimitedToTypesThatCarryNoIncident_letsNoneThrough() {
        Filter alertsOnly = types(EventType.ALERT_RECEIVED, EventType.SYSTEM_EVENT);
        Filter conversions = types(EventType.ALERT_CONVERTED);

        assertThat(alertsOnly.allowsIncidents()).isFalse();
        assertThat(conversions.allowsIncidents()).isTrue();
        assertThat(Filter.all().allowsIncidents()).isTrue();
        assertThat(Filter.all().and(conversions).matches(converted(payments))).isTrue();
    }

    @Test
    void everyEventTypeButAlertsReceivedAndSystemEvents_carriesAnIncident() {
        assertThat(EnumSet.allOf(EventType.class).stream().filter(type -> !type.carriesIncident()))
                .containsExactlyInAnyOrder(EventType.ALERT_RECEIVED, EventType.SYSTEM_EVENT);
    }

    private EventAttributes converted(Incident known) {
        return Attribution.of(new AlertConverted(paymentsAlert, known.id()), known);
    }

    private static Filter labels(Map<String, String> labels) {
        return new Filter(List.of(), List.of(), List.of(), List.of(), List.of(), labels, List.of());
    }

    private static Filter types(EventType... types) {
        return new Filter(List.of(types), List.of(), List.of(), List.of(), List.of(), Map.of(), List.of());
    }
}
