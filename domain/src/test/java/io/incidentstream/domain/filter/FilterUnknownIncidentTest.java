package io.incidentstream.domain.filter;

import static io.incidentstream.domain.fixtures.TestFilters.filter;
import static io.incidentstream.domain.fixtures.TestIncidents.alert;
import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.domain.event.AlertReceived;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.fixtures.TestEvents;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.Severity;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Events about an incident the server does not know, and system events, have no severity, state or source. */
class FilterUnknownIncidentTest {

    private static final Incident UNKNOWN = incident().severity(Severity.P0).build();

    @ParameterizedTest
    @EnumSource(
            value = EventType.class,
            names = {
                "ESCALATED",
                "PLAYBOOK_STARTED",
                "PLAYBOOK_ACTION_EXECUTED",
                "PLAYBOOK_COMPLETED",
                "NOTIFICATION_SENT",
                "ASSIGNMENT_CHANGED",
                "COMMENT_ADDED",
                "SYSTEM_EVENT"
            })
    void severitiesFilter_neverMatchesEventsWithoutAKnownSubject(EventType type) {
        Filter everySeverity = filter().severities(Severity.values()).build();

        assertThat(everySeverity.matches(attributesOfUnknown(type))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eventTypesOnlyFilter_matchesEventsAboutUnknownIncidents(EventType type) {
        assertThat(filter().eventTypes(type).build().matches(attributesOfUnknown(type)))
                .isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = "SYSTEM_EVENT", mode = EnumSource.Mode.EXCLUDE)
    void incidentIdsFilter_matchesEventsAboutUnknownIncidentByItsId(EventType type) {
        assertThat(filter().incidentIds(UNKNOWN.id()).build().matches(attributesOfUnknown(type)))
                .isTrue();
    }

    @Test
    void statesFilter_doesNotMatchAlertOfUnknownIncident_severitiesFilterDoes() {
        EventAttributes attributes = Attribution.of(
                new AlertReceived(
                        alert().incidentId(UNKNOWN.id()).severity(Severity.P1).build()),
                null);

        assertThat(filter().activeStates().build().matches(attributes)).isFalse();
        assertThat(filter().severities(Severity.P1).build().matches(attributes)).isTrue();
    }

    @Test
    void incidentIdsFilter_doesNotMatchAlertAttachedToNoIncident() {
        EventAttributes attributes = Attribution.of(new AlertReceived(alert().build()), null);

        assertThat(filter().incidentIds(UNKNOWN.id()).build().matches(attributes))
                .isFalse();
    }

    @Test
    void onlyTypeAndIdFiltersMatchEventsOfUnknownIncidents() {
        EnumSet<EventType> linked = EnumSet.of(
                EventType.PLAYBOOK_STARTED,
                EventType.NOTIFICATION_SENT,
                EventType.ASSIGNMENT_CHANGED,
                EventType.COMMENT_ADDED,
                EventType.ESCALATED);
        Filter[] needingKnownIncident = {
            filter().activeStates().build(),
            filter().sources("prometheus").build(),
            filter().affectedResources("checkout-api").build(),
            filter().labels(java.util.Map.of("team", "payments")).build()
        };

        for (EventType type : linked) {
            for (Filter f : needingKnownIncident) {
                assertThat(f.matches(attributesOfUnknown(type)))
                        .as(type + " " + f)
                        .isFalse();
            }
        }
    }

    private static EventAttributes attributesOfUnknown(EventType type) {
        return Attribution.of(TestEvents.sample(type, UNKNOWN), null);
    }
}
