package io.incidentstream.application.admission;

import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.fakes.SequentialIds;
import io.incidentstream.application.port.in.Publication;
import io.incidentstream.application.view.IncidentView;
import io.incidentstream.domain.event.AssignmentChanged;
import io.incidentstream.domain.event.Escalated;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.IncidentClosed;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.event.IncidentResolved;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Admission keeps the incident view up to date, event by event, before dispatch. */
class AdmissionIncidentViewTest {

    private final RecordingRouterSink sink = new RecordingRouterSink(100);
    private final IncidentView view =
            new IncidentView(Integer.MAX_VALUE, java.time.Duration.ofDays(1), java.time.Clock.systemUTC());
    private final FakeClock clock = new FakeClock();
    private final EventAdmission admission = Admissions.over(sink.dispatcher, view, clock, new SequentialIds(), "e", 0);
    private final Incident incident =
            incident().severity(Severity.P3).state(IncidentState.INVESTIGATING).build();

    @AfterEach
    void stop() throws InterruptedException {
        sink.dispatcher.start(0);
        sink.dispatcher.stop();
    }

    @Test
    void incidentCreated_makesTheIncidentKnown() {
        publish(new IncidentCreated(incident));

        assertThat(view.incident(incident.id())).contains(incident);
    }

    @Test
    void escalation_changesTheKnownSeverity() {
        publish(new IncidentCreated(incident));
        clock.advance(Duration.ofSeconds(30));

        publish(new Escalated(incident.id(), Severity.P3, Severity.P0, "customers affected"));

        Incident known = view.get(incident.id());
        assertThat(known.severity()).isEqualTo(Severity.P0);
        assertThat(known.updatedAt()).isEqualTo(clock.instant());
    }

    @Test
    void assignmentChange_replacesTheKnownAssignees() {
        publish(new IncidentCreated(incident));

        publish(new AssignmentChanged(incident.id(), List.of("alice", "bob")));

        assertThat(view.get(incident.id()).assignees()).containsExactly("alice", "bob");
    }

    @Test
    void resolved_thenClosed_changesTheKnownState() {
        publish(new IncidentCreated(incident));

        publish(new IncidentResolved(incident));
        assertThat(view.get(incident.id()).state()).isEqualTo(IncidentState.RESOLVED);

        publish(new IncidentClosed(view.get(incident.id())));
        assertThat(view.get(incident.id()).state()).isEqualTo(IncidentState.CLOSED);
    }

    @Test
    void escalationOfUnknownIncident_leavesTheViewEmpty() {
        publish(new Escalated(incident.id(), Severity.P3, Severity.P0, "r"));

        assertThat(view.size()).isZero();
    }

    private void publish(Event event) {
        admission.publish(Publication.of(event));
    }
}
