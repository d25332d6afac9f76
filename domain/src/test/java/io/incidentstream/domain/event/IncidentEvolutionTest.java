package io.incidentstream.domain.event;

import static io.incidentstream.domain.fixtures.TestIncidents.T0;
import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.domain.fixtures.TestEvents;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.Severity;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentEvolutionTest {

    private static final Instant LATER = T0.plusSeconds(60);

    private final Incident known = incident().severity(Severity.P3).build();

    @Test
    void incidentEvent_replacesKnowledgeWithTheIncidentCarried() {
        Incident updated = incident().id(known.id()).title("new title").build();

        assertThat(IncidentEvolution.apply(known, new IncidentUpdated(updated, null), LATER))
                .isSameAs(updated);
    }

    @Test
    void incidentCreated_ofUnknownIncident_becomesKnown() {
        assertThat(IncidentEvolution.apply(null, new IncidentCreated(known), LATER))
                .isSameAs(known);
    }

    @Test
    void incidentResolved_carryingActiveState_isKnownAsResolved() {
        Incident resolved = IncidentEvolution.apply(known, new IncidentResolved(known), LATER);

        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(resolved.title()).isEqualTo(known.title());
    }

    @Test
    void incidentResolved_carryingClosedState_staysClosed() {
        Incident closed = incident().state(IncidentState.CLOSED).build();

        assertThat(IncidentEvolution.apply(null, new IncidentResolved(closed), LATER))
                .isSameAs(closed);
    }

    @Test
    void resolutionAndClosing_setTheStateInTheEventItself_soSubscribersReceiveWhatIsRecorded() {
        IncidentResolved resolved = new IncidentResolved(known);
        IncidentClosed closed = new IncidentClosed(known);

        assertThat(resolved.incident().state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(resolved.incident().updatedAt()).isEqualTo(known.updatedAt());
        assertThat(closed.incident().state()).isEqualTo(IncidentState.CLOSED);
        assertThat(IncidentEvolution.apply(null, resolved, LATER)).isSameAs(resolved.incident());
    }

    @Test
    void incidentClosed_carryingResolvedState_isKnownAsClosed() {
        Incident resolved = incident().state(IncidentState.RESOLVED).build();

        assertThat(IncidentEvolution.apply(null, new IncidentClosed(resolved), LATER)
                        .state())
                .isEqualTo(IncidentState.CLOSED);
    }

    @Test
    void escalated_changesSeverityAndUpdatedAt() {
        Escalated escalated = new Escalated(known.id(), Severity.P3, Severity.P0, "r");

        Incident after = IncidentEvolution.apply(known, escalated, LATER);

        assertThat(after.severity()).isEqualTo(Severity.P0);
        assertThat(after.updatedAt()).isEqualTo(LATER);
        assertThat(after.createdAt()).isEqualTo(known.createdAt());
    }

    @Test
    void assignmentChanged_replacesAssignees() {
        Incident after =
                IncidentEvolution.apply(known, new AssignmentChanged(known.id(), List.of("alice", "bob")), LATER);

        assertThat(after.assignees()).containsExactly("alice", "bob");
        assertThat(after.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void escalationOfUnknownIncident_staysUnknown() {
        assertThat(IncidentEvolution.apply(null, new Escalated(known.id(), Severity.P3, Severity.P0, "r"), LATER))
                .isNull();
    }

    @Test
    void otherEvents_leaveTheIncidentAsItWas() {
        EnumSet<EventType> neutral = EnumSet.of(
                EventType.ALERT_RECEIVED,
                EventType.ALERT_CONVERTED,
                EventType.PLAYBOOK_STARTED,
                EventType.PLAYBOOK_ACTION_EXECUTED,
                EventType.PLAYBOOK_COMPLETED,
                EventType.NOTIFICATION_SENT,
                EventType.COMMENT_ADDED,
                EventType.SYSTEM_EVENT);

        TestEvents.oneOfEach(known).forEach((type, event) -> {
            if (neutral.contains(type)) {
                assertThat(IncidentEvolution.apply(known, event, LATER))
                        .as(type.wire())
                        .isSameAs(known);
            }
        });
    }
}
