package io.incidentstream.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.event.Priority;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WireEnumTest {

    @Test
    void givenExactSpelling_parse_returnsConstant() {
        assertThat(Severity.parse("P0", "severity")).isEqualTo(Severity.P0);
        assertThat(IncidentState.parse("Remediating", "state")).isEqualTo(IncidentState.REMEDIATING);
        assertThat(IncidentType.parse("Security", "incident_type")).isEqualTo(IncidentType.SECURITY);
        assertThat(ResolutionMethod.parse("AutoAssistedManual", "m")).isEqualTo(ResolutionMethod.AUTO_ASSISTED_MANUAL);
        assertThat(EventType.parse("playbook_action_executed", "event_type"))
                .isEqualTo(EventType.PLAYBOOK_ACTION_EXECUTED);
        assertThat(Priority.parse("critical", "priority")).isEqualTo(Priority.CRITICAL);
    }

    @Test
    void givenLowerCaseSeverity_parse_refusedListingAcceptedValues() {
        assertThatThrownBy(() -> Severity.parse("p0", "severity"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("severity has unknown value 'p0' (expected one of P0, P1, P2, P3, P4)");
    }

    @Test
    void givenPriorityNameAsSeverity_parse_refusedListingAcceptedValues() {
        assertThatThrownBy(() -> Severity.parse("critical", "severities"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("'critical'")
                .hasMessageContaining("P0, P1, P2, P3, P4")
                .extracting(e -> ((InvalidValueException) e).field())
                .isEqualTo("severities");
    }

    @Test
    void givenWrongCaseState_parse_refused() {
        assertThatThrownBy(() -> IncidentState.parse("detected", "state"))
                .hasMessageContaining("Detected, Triaged, Investigating, Remediating, Resolved, Closed");
    }

    @Test
    void givenNull_parse_refusedNamingField() {
        assertThatThrownBy(() -> Priority.parse(null, "priority"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("priority has unknown value");
    }

    @Test
    void wireSpellings_matchTheProtocol() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::wire))
                .containsExactly(
                        "incident_created",
                        "incident_updated",
                        "incident_resolved",
                        "incident_closed",
                        "alert_received",
                        "alert_converted",
                        "escalated",
                        "playbook_started",
                        "playbook_action_executed",
                        "playbook_completed",
                        "notification_sent",
                        "assignment_changed",
                        "comment_added",
                        "system_event");
        assertThat(Arrays.stream(Priority.values()).map(Priority::wire))
                .containsExactly("low", "normal", "high", "critical");
        assertThat(Arrays.stream(IncidentType.values()).map(IncidentType::wire))
                .containsExactly(
                        "Infrastructure",
                        "Application",
                        "Security",
                        "Data",
                        "Performance",
                        "Availability",
                        "Compliance",
                        "Unknown");
    }

    @Test
    void onlyTheFirstFourStates_areActive() {
        assertThat(Arrays.stream(IncidentState.values()).filter(IncidentState::isActive))
                .containsExactly(
                        IncidentState.DETECTED,
                        IncidentState.TRIAGED,
                        IncidentState.INVESTIGATING,
                        IncidentState.REMEDIATING);
    }
}
