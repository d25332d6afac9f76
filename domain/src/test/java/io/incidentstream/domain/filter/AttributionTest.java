package io.incidentstream.domain.filter;

import static io.incidentstream.domain.fixtures.TestIncidents.alert;
import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.domain.event.AlertConverted;
import io.incidentstream.domain.event.AlertReceived;
import io.incidentstream.domain.event.Escalated;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.event.IncidentUpdated;
import io.incidentstream.domain.fixtures.TestEvents;
import io.incidentstream.domain.model.Alert;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.Severity;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AttributionTest {

    private final Incident known =
            incident().severity(Severity.P3).state(IncidentState.TRIAGED).build();

    @Test
    void incidentEvent_beforeIsTheKnownIncident_afterIsTheIncidentCarried() {
        Incident changed = incident()
                .id(known.id())
                .severity(Severity.P1)
                .source("datadog")
                .build();

        EventAttributes attributes = Attribution.of(new IncidentUpdated(changed, IncidentState.TRIAGED), known);

        assertThat(attributes.type()).isEqualTo(EventType.INCIDENT_UPDATED);
        assertThat(attributes.before()).isEqualTo(Subject.of(known));
        assertThat(attributes.after()).isEqualTo(Subject.of(changed));
    }

    @Test
    void incidentEvent_aboutUnknownIncident_hasNoBefore() {
        EventAttributes attributes = Attribution.of(TestEvents.sample(EventType.INCIDENT_CREATED, known), null);

        assertThat(attributes.before()).isNull();
        assertThat(attributes.after()).isEqualTo(Subject.of(known));
    }

    @Test
    void escalated_afterIsTheKnownIncidentWithTheNewSeverity() {
        EventAttributes attributes = Attribution.of(new Escalated(known.id(), Severity.P3, Severity.P0, "r"), known);

        assertThat(attributes.before()).isEqualTo(Subject.of(known));
        assertThat(attributes.after()).isEqualTo(Subject.of(known).withSeverity(Severity.P0));
        assertThat(attributes.after().state()).isEqualTo(IncidentState.TRIAGED);
    }

    @Test
    void escalated_ofUnknownIncident_knowsOnlyTheIncidentId() {
        EventAttributes attributes = Attribution.of(new Escalated(known.id(), Severity.P3, Severity.P0, "r"), null);

        assertThat(attributes.before()).isEqualTo(Subject.unknownIncident(known.id()));
        assertThat(attributes.after()).isSameAs(attributes.before());
        assertThat(attributes.after().severity()).isNull();
    }

    @Test
    void alertReceived_usesTheAlertsFields_andTheStateOfItsKnownIncident() {
        Alert alert = alert().incidentId(known.id())
                .severity(Severity.P0)
                .source("grafana")
                .affectedServices(java.util.List.of("db"))
                .labels(Map.of("team", "dba"))
                .build();

        EventAttributes attributes = Attribution.of(new AlertReceived(alert), known);

        Subject expected = Subject.of(
                known.id(),
                Severity.P0,
                IncidentState.TRIAGED,
                "grafana",
                java.util.List.of("db"),
                Map.of("team", "dba"));
        assertThat(attributes.before()).isEqualTo(expected);
        assertThat(attributes.after()).isSameAs(attributes.before());
    }

    @Test
    void alertReceived_withoutIncident_hasNoIncidentIdNorState() {
        Subject subject =
                Attribution.of(new AlertReceived(alert().build()), null).after();

        assertThat(subject.incidentId()).isNull();
        assertThat(subject.state()).isNull();
        assertThat(subject.severity()).isEqualTo(Severity.P2);
    }

    @Test
    void alertConverted_takesTheIncidentIdFromTheEvent() {
        UUID converted = UUID.randomUUID();

        Subject subject = Attribution.of(new AlertConverted(alert().build(), converted), null)
                .after();

        assertThat(subject.incidentId()).isEqualTo(converted);
        assertThat(subject.state()).isNull();
    }

    @Test
    void systemEvent_hasOnlyItsType() {
        assertThat(Attribution.of(TestEvents.sample(EventType.SYSTEM_EVENT, known), null))
                .isEqualTo(EventAttributes.typeOnly(EventType.SYSTEM_EVENT));
    }

    @Test
    void otherIncidentLinkedEvents_useTheKnownIncidentBeforeAndAfter() {
        EnumSet<EventType> linked = EnumSet.of(
                EventType.PLAYBOOK_STARTED,
                EventType.PLAYBOOK_ACTION_EXECUTED,
                EventType.PLAYBOOK_COMPLETED,
                EventType.NOTIFICATION_SENT,
                EventType.ASSIGNMENT_CHANGED,
                EventType.COMMENT_ADDED);

        linked.forEach(type -> {
            EventAttributes attributes = Attribution.of(TestEvents.sample(type, known), known);
            assertThat(attributes.before()).as(type.wire()).isEqualTo(Subject.of(known));
            assertThat(attributes.after()).as(type.wire()).isSameAs(attributes.before());
        });
    }

    @Test
    void otherIncidentLinkedEvents_ofUnknownIncident_knowOnlyTheIncidentId() {
        EventAttributes attributes = Attribution.of(TestEvents.sample(EventType.COMMENT_ADDED, known), null);

        assertThat(attributes.after()).isEqualTo(Subject.unknownIncident(known.id()));
    }
}
