package io.incidentstream.domain.event;

import static io.incidentstream.domain.fixtures.TestIncidents.alert;
import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.domain.fixtures.TestEvents;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.Severity;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PriorityTest {

    private static final UUID ID = UUID.randomUUID();

    @ParameterizedTest
    @CsvSource({"P0, CRITICAL", "P1, HIGH", "P2, NORMAL", "P3, NORMAL", "P4, NORMAL"})
    void incidentCreated_priorityFollowsSeverity(Severity severity, Priority expected) {
        assertThat(Priority.defaultFor(
                        new IncidentCreated(incident().severity(severity).build())))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"P0, CRITICAL", "P1, HIGH", "P2, HIGH", "P3, HIGH", "P4, HIGH"})
    void escalated_isHigh_orCriticalWhenToP0(Severity to, Priority expected) {
        assertThat(Priority.defaultFor(new Escalated(ID, Severity.P4, to, "r"))).isEqualTo(expected);
    }

    @Test
    void deEscalationFromP0_isHigh() {
        assertThat(Priority.defaultFor(new Escalated(ID, Severity.P0, Severity.P3, "r")))
                .isEqualTo(Priority.HIGH);
    }

    @ParameterizedTest
    @CsvSource({"P0, HIGH", "P1, HIGH", "P2, NORMAL", "P3, NORMAL", "P4, NORMAL"})
    void alertReceived_isHighForP0AndP1(Severity severity, Priority expected) {
        assertThat(Priority.defaultFor(
                        new AlertReceived(alert().severity(severity).build())))
                .isEqualTo(expected);
    }

    @Test
    void alertConvertedOfP0Alert_isNormal() {
        assertThat(Priority.defaultFor(
                        new AlertConverted(alert().severity(Severity.P0).build(), ID)))
                .isEqualTo(Priority.NORMAL);
    }

    @ParameterizedTest
    @EnumSource(
            value = EventType.class,
            names = {"COMMENT_ADDED", "PLAYBOOK_ACTION_EXECUTED", "SYSTEM_EVENT"})
    void chattyEvents_areLow(EventType type) {
        assertThat(Priority.defaultFor(
                        TestEvents.sample(type, incident().severity(Severity.P0).build())))
                .isEqualTo(Priority.LOW);
    }

    @Test
    void allOtherEvents_areNormalEvenForP0() {
        Incident p0 = incident().severity(Severity.P0).build();
        EnumSet<EventType> others = EnumSet.of(
                EventType.INCIDENT_UPDATED,
                EventType.INCIDENT_RESOLVED,
                EventType.INCIDENT_CLOSED,
                EventType.ALERT_CONVERTED,
                EventType.PLAYBOOK_STARTED,
                EventType.PLAYBOOK_COMPLETED,
                EventType.NOTIFICATION_SENT,
                EventType.ASSIGNMENT_CHANGED);
        Map<EventType, Event> samples = TestEvents.oneOfEach(p0);

        others.forEach(type -> assertThat(Priority.defaultFor(samples.get(type)))
                .as(type.wire())
                .isEqualTo(Priority.NORMAL));
    }

    @Test
    void atLeast_raisesALowerPriority() {
        assertThat(Priority.LOW.atLeast(Priority.HIGH)).isEqualTo(Priority.HIGH);
        assertThat(Priority.NORMAL.atLeast(Priority.HIGH)).isEqualTo(Priority.HIGH);
    }

    @Test
    void atLeast_neverLowersAHigherPriority() {
        assertThat(Priority.CRITICAL.atLeast(Priority.HIGH)).isEqualTo(Priority.CRITICAL);
        assertThat(Priority.HIGH.atLeast(Priority.HIGH)).isEqualTo(Priority.HIGH);
    }
}
