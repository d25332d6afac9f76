package io.incidentstream.application.admission;

import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.engine.InMemoryStreamEngine;
import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.fakes.SequentialIds;
import io.incidentstream.application.history.InMemoryEventHistory;
import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.application.port.in.Publication;
import io.incidentstream.application.port.out.EventHistory;
import io.incidentstream.application.view.IncidentView;
import io.incidentstream.domain.event.AssignmentChanged;
import io.incidentstream.domain.event.CommentAdded;
import io.incidentstream.domain.event.Escalated;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.event.IncidentLinkedEvent;
import io.incidentstream.domain.fixtures.TestEvents;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.Severity;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Admission fills in the incident an incident-linked event is about, as known after the event (null
 * when unknown), in the event it appends to the history: live delivery and replay carry the same.
 * The fill happens where each node admits an event from the stream (the {@link StreamFollower}), from
 * what the engine stored with it, so another node following the same stream carries the same.
 */
class AdmissionIncidentFieldTest {

    private final RecordingRouterSink sink = new RecordingRouterSink(100);
    private final IncidentView view = new IncidentView(Integer.MAX_VALUE, Duration.ofDays(1), Clock.systemUTC());
    private final FakeClock clock = new FakeClock();
    private final InMemoryStreamEngine engine =
            new InMemoryStreamEngine("e", 0, 1000, Duration.ofHours(1), 1000, Duration.ofDays(1), clock);
    private final InMemoryEventHistory history = new InMemoryEventHistory("", 1000, Duration.ofHours(1), clock);
    private final StreamFollower follower = new StreamFollower(engine, view, history, sink.dispatcher, clock);
    private final EventAdmission admission =
            new EventAdmission(sink.dispatcher, view, clock, new SequentialIds(), engine, follower, true, reason -> {});

    {
        follower.start();
    }

    private final Incident incident = incident().severity(Severity.P3).build();

    @AfterEach
    void stop() throws InterruptedException {
        sink.dispatcher.start(0);
        sink.dispatcher.stop();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = EventType.class,
            names = {
                "ESCALATED",
                "ASSIGNMENT_CHANGED",
                "COMMENT_ADDED",
                "PLAYBOOK_STARTED",
                "PLAYBOOK_ACTION_EXECUTED",
                "PLAYBOOK_COMPLETED",
                "NOTIFICATION_SENT",
                "ALERT_CONVERTED"
            })
    void knownIncident_isFilledIn_asKnownAfterTheEvent(EventType type) {
        publish(new IncidentCreated(incident));

        publish(TestEvents.oneOfEach(incident).get(type));

        Incident carried = ((IncidentLinkedEvent) last().event()).incident();
        assertThat(carried).isNotNull().isEqualTo(view.get(incident.id()));
    }

    @Test
    void escalation_carriesTheIncidentAtItsNewSeverity() {
        publish(new IncidentCreated(incident));

        publish(new Escalated(incident.id(), Severity.P3, Severity.P0, "customers affected"));

        assertThat(((Escalated) last().event()).incident().severity()).isEqualTo(Severity.P0);
    }

    @Test
    void assignment_carriesTheNewAssignees() {
        publish(new IncidentCreated(incident));

        publish(new AssignmentChanged(incident.id(), List.of("alice")));

        assertThat(((AssignmentChanged) last().event()).incident().assignees()).containsExactly("alice");
    }

    @Test
    void unknownIncident_isNull_andTheEventIsStillAdmitted() {
        publish(new CommentAdded(incident.id(), "ann", "who owns this?", clock.instant()));

        assertThat(last().seq()).isEqualTo(1);
        assertThat(((CommentAdded) last().event()).incident()).isNull();
        assertThat(((CommentAdded) last().event()).comment()).isEqualTo("who owns this?");
    }

    @Test
    void whatAPublisherSentAsIncident_isReplacedByWhatTheServerKnows() {
        Incident forged = incident().id(incident.id()).title("forged").build();
        Event sent = new Escalated(incident.id(), Severity.P3, Severity.P1, "r").withIncident(forged);

        publish(sent);

        assertThat(((Escalated) last().event()).incident()).isNull();
    }

    @Test
    void theHistory_holdsTheFilledInEvent_forReplays() {
        publish(new IncidentCreated(incident));
        publish(new Escalated(incident.id(), Severity.P3, Severity.P2, "r"));

        AdmittedEvent replayed = appended(history).get(1);
        assertThat(((Escalated) replayed.event()).incident().severity()).isEqualTo(Severity.P2);
        assertThat(replayed).isSameAs(last());
    }

    @Test
    void anotherNodeFollowingTheStream_carriesTheSameIncident_perSeq() {
        publish(new IncidentCreated(incident));
        publish(new Escalated(incident.id(), Severity.P3, Severity.P1, "r"));
        publish(new AssignmentChanged(incident.id(), List.of("alice")));

        // A node that starts later loads its view and history from the engine, not from admission.
        IncidentView otherView = new IncidentView(Integer.MAX_VALUE, Duration.ofDays(1), Clock.systemUTC());
        InMemoryEventHistory otherHistory = new InMemoryEventHistory("", 1000, Duration.ofHours(1), clock);
        RecordingRouterSink otherSink = new RecordingRouterSink(100);
        new StreamFollower(engine, otherView, otherHistory, otherSink.dispatcher, clock).start();

        List<AdmittedEvent> here = appended(history);
        List<AdmittedEvent> there = appended(otherHistory);
        assertThat(there).hasSize(3);
        for (int i = 0; i < here.size(); i++) {
            assertThat(there.get(i).seq()).isEqualTo(here.get(i).seq());
            assertThat(there.get(i).event()).isEqualTo(here.get(i).event());
        }
        assertThat(((AssignmentChanged) there.get(2).event()).incident().severity())
                .isEqualTo(Severity.P1);
    }

    private AdmittedEvent last() {
        List<AdmittedEvent> appended = appended(history);
        return appended.get(appended.size() - 1);
    }

    private static List<AdmittedEvent> appended(InMemoryEventHistory history) {
        List<AdmittedEvent> events = new ArrayList<>();
        EventHistory.Cursor cursor = history.read(history.lastSeq() - history.size(), history.lastSeq());
        for (AdmittedEvent event = cursor.next(); event != null; event = cursor.next()) {
            events.add(event);
        }
        return events;
    }

    private void publish(Event event) {
        admission.publish(Publication.of(event));
    }
}
