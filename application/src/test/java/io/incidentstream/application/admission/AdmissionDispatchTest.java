package io.incidentstream.application.admission;

import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.Await;
import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.fakes.SequentialIds;
import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.application.port.in.Publication;
import io.incidentstream.application.port.in.PublishResult.Accepted;
import io.incidentstream.application.view.IncidentView;
import io.incidentstream.domain.event.Escalated;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.event.Priority;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.filter.Subject;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What admission hands the dispatcher: events in seq order, with priority, time and attributes resolved. */
class AdmissionDispatchTest {

    private final RecordingRouterSink sink = new RecordingRouterSink(4);
    private final FakeClock clock = new FakeClock();
    private final EventAdmission admission = Admissions.over(
            sink.dispatcher,
            new IncidentView(Integer.MAX_VALUE, java.time.Duration.ofDays(1), java.time.Clock.systemUTC()),
            clock,
            new SequentialIds(),
            "e",
            0);

    @BeforeEach
    void start() {
        sink.dispatcher.start(0);
    }

    @AfterEach
    void stop() throws InterruptedException {
        sink.dispatcher.stop();
    }

    @Test
    void eventsAreDispatchedInSeqOrder() {
        for (int i = 0; i < 50; i++) {
            publishWhenThereIsRoom(Publication.of(new SystemEvent("c", "m" + i, Map.of())));
        }

        Await.until(() -> sink.routed.size() == 50, "50 events are routed");
        assertThat(sink.routed)
                .extracting(AdmittedEvent::seq)
                .isSorted()
                .doesNotHaveDuplicates()
                .startsWith(1L)
                .endsWith(50L);
        assertThat(sink.dispatcher.lastDispatchedSeq()).isEqualTo(50);
    }

    @Test
    void dispatchedEvents_freeTheirRoom() {
        admission.publish(List.of(systemEvent(), systemEvent(), systemEvent(), systemEvent()));
        Await.until(() -> sink.dispatcher.pendingEvents() == 0, "the queue drains");

        assertThat(admission.publish(List.of(systemEvent(), systemEvent(), systemEvent(), systemEvent())))
                .isInstanceOf(Accepted.class);
    }

    @Test
    void priority_defaultsByRule_orIsTheOneGiven() {
        Incident p0 = incident().severity(Severity.P0).build();

        admission.publish(List.of(
                Publication.of(new IncidentCreated(p0)),
                systemEvent(),
                new Publication(new SystemEvent("c", "m", Map.of()), Priority.HIGH)));

        Await.until(() -> sink.routed.size() == 3, "3 events are routed");
        assertThat(sink.routed)
                .extracting(AdmittedEvent::priority)
                .containsExactly(Priority.CRITICAL, Priority.LOW, Priority.HIGH);
    }

    @Test
    void publishedAt_isTheClockAtAdmission() {
        clock.advance(Duration.ofMinutes(5));

        admission.publish(systemEvent());

        Await.until(() -> sink.routed.size() == 1, "the event is routed");
        assertThat(sink.routed.get(0).publishedAt()).isEqualTo(FakeClock.START.plus(Duration.ofMinutes(5)));
    }

    @Test
    void attributes_areResolvedAgainstTheIncidentAsKnownJustBefore() {
        Incident p3 = incident().severity(Severity.P3).build();

        admission.publish(List.of(
                Publication.of(new IncidentCreated(p3)),
                Publication.of(new Escalated(p3.id(), Severity.P3, Severity.P0, "r"))));

        Await.until(() -> sink.routed.size() == 2, "2 events are routed");
        AdmittedEvent escalation = sink.routed.get(1);
        assertThat(escalation.attributes().before()).isEqualTo(Subject.of(p3));
        assertThat(escalation.attributes().after().severity()).isEqualTo(Severity.P0);
    }

    private void publishWhenThereIsRoom(Publication publication) {
        Await.until(() -> admission.publish(publication) instanceof Accepted, "the event is accepted");
    }

    private static Publication systemEvent() {
        return Publication.of(new SystemEvent("c", "m", Map.of()));
    }
}
