package io.incidentstream.domain.event;

import static io.incidentstream.domain.fixtures.TestIncidents.T0;
import static io.incidentstream.domain.fixtures.TestIncidents.alert;
import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentstream.domain.fixtures.TestEvents;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.InvalidValueException;
import io.incidentstream.domain.model.Severity;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventValidationTest {

    private static final UUID ID = UUID.randomUUID();

    @Test
    void eachSample_reportsItsOwnType() {
        Map<EventType, Event> samples = TestEvents.oneOfEach(incident().build());

        samples.forEach((type, event) -> assertThat(event.type()).isEqualTo(type));
        assertThat(samples).hasSize(14);
    }

    @Test
    void incidentLinkedSamples_nameTheIncident_systemEventNamesNone() {
        Incident incident = incident().build();

        TestEvents.oneOfEach(incident)
                .forEach((type, event) -> assertThat(event.incidentId())
                        .as(type.wire())
                        .isEqualTo(type == EventType.SYSTEM_EVENT ? null : incident.id()));
    }

    @Test
    void givenAlertWithoutIncident_alertReceived_namesNoIncident() {
        assertThat(new AlertReceived(alert().build()).incidentId()).isNull();
    }

    @Test
    void givenMissingIncidentId_eventsRefuseNamingIncidentId() {
        assertThatThrownBy(() -> new AssignmentChanged(null, null)).hasMessage("incident_id is required");
        assertThatThrownBy(() -> new CommentAdded(null, "a", "c", T0)).hasMessage("incident_id is required");
        assertThatThrownBy(() -> new NotificationSent(null, "slack", true)).hasMessage("incident_id is required");
        assertThatThrownBy(() -> new Escalated(null, Severity.P1, Severity.P0, ""))
                .hasMessage("incident_id is required");
        assertThatThrownBy(() -> new AlertConverted(alert().build(), null)).hasMessage("incident_id is required");
    }

    @Test
    void givenMissingSeverities_escalated_refusedNamingFromAndTo() {
        assertThatThrownBy(() -> new Escalated(ID, null, Severity.P0, "")).hasMessage("from_severity is required");
        assertThatThrownBy(() -> new Escalated(ID, Severity.P1, null, "")).hasMessage("to_severity is required");
    }

    @Test
    void givenMissingPayload_incidentAndAlertEvents_refusedNamingIt() {
        assertThatThrownBy(() -> new IncidentCreated(null)).hasMessage("incident is required");
        assertThatThrownBy(() -> new IncidentUpdated(null, null)).hasMessage("incident is required");
        assertThatThrownBy(() -> new AlertReceived(null)).hasMessage("alert is required");
        assertThatThrownBy(() -> new PlaybookStarted(ID, null, "p")).hasMessage("playbook_id is required");
    }

    @Test
    void givenNegativeActionsExecuted_playbookCompleted_refused() {
        assertThatThrownBy(() -> new PlaybookCompleted(ID, ID, true, -1))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("actions_executed ");
    }

    @Test
    void givenNullTexts_eventsDefaultToEmpty() {
        assertThat(new SystemEvent(null, null, null)).isEqualTo(new SystemEvent("", "", Map.of()));
        assertThat(new Escalated(ID, Severity.P2, Severity.P1, null).reason()).isEmpty();
        assertThat(new AssignmentChanged(ID, null).assignees()).isEmpty();
    }
}
