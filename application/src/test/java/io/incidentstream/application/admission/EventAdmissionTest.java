package io.incidentstream.application.admission;

import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.fakes.SequentialIds;
import io.incidentstream.application.port.in.Publication;
import io.incidentstream.application.port.in.PublishResult;
import io.incidentstream.application.port.in.PublishResult.Accepted;
import io.incidentstream.application.port.in.PublishResult.Reason;
import io.incidentstream.application.port.in.PublishResult.Receipt;
import io.incidentstream.application.port.in.PublishResult.Rejected;
import io.incidentstream.application.view.IncidentView;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.event.SystemEvent;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Seq assignment and the all-or-nothing capacity check; the dispatcher is not started, so nothing drains. */
class EventAdmissionTest {

    private static final int CAPACITY = 5;

    private final RecordingRouterSink sink = new RecordingRouterSink(CAPACITY);
    private final IncidentView view =
            new IncidentView(Integer.MAX_VALUE, java.time.Duration.ofDays(1), java.time.Clock.systemUTC());
    private final SequentialIds ids = new SequentialIds();
    private final EventAdmission admission =
            Admissions.over(sink.dispatcher, view, new FakeClock(), ids, "epoch-1", 41);

    @AfterEach
    void stop() throws InterruptedException {
        sink.dispatcher.start(0);
        sink.dispatcher.stop();
    }

    @Test
    void seqsContinueFromTheStartSeq_strictlyIncreasing() {
        Accepted first = (Accepted) admission.publish(systemEvents(2));
        Accepted second = (Accepted) admission.publish(systemEvents(1));

        assertThat(first.receipts()).extracting(Receipt::seq).containsExactly(42L, 43L);
        assertThat(second.receipts()).extracting(Receipt::seq).containsExactly(44L);
        assertThat(admission.lastSeq()).isEqualTo(44);
    }

    @Test
    void eachEvent_getsAFreshMessageId() {
        Accepted accepted = (Accepted) admission.publish(systemEvents(3));

        assertThat(accepted.receipts())
                .extracting(Receipt::messageId)
                .containsExactly(SequentialIds.nth(1), SequentialIds.nth(2), SequentialIds.nth(3));
    }

    @Test
    void batchLargerThanRoomLeft_isRefusedWhole_withNothingAssigned() {
        admission.publish(systemEvents(3));
        long idsBefore = ids.issued();
        Publication created = Publication.of(new IncidentCreated(incident().build()));

        PublishResult result = admission.publish(List.of(created, created, created));

        assertThat(result).isInstanceOf(Rejected.class);
        assertThat(((Rejected) result).reason()).isEqualTo(Reason.OVERLOADED);
        assertThat(admission.lastSeq()).isEqualTo(44);
        assertThat(ids.issued()).isEqualTo(idsBefore);
        assertThat(sink.dispatcher.pendingEvents()).isEqualTo(3);
        assertThat(view.size()).isZero();
    }

    @Test
    void batchThatFillsTheQueueExactly_isAccepted() {
        admission.publish(systemEvents(3));

        assertThat(admission.publish(systemEvents(2))).isInstanceOf(Accepted.class);
        assertThat(sink.dispatcher.pendingEvents()).isEqualTo(CAPACITY);
    }

    @Test
    void batchLargerThanTheWholeQueue_isRefusedAsTooLarge() {
        PublishResult result = admission.publish(systemEvents(CAPACITY + 1));

        assertThat(result).isInstanceOf(Rejected.class);
        assertThat(((Rejected) result).reason()).isEqualTo(Reason.BATCH_TOO_LARGE);
        assertThat(((Rejected) result).message()).contains("at most 5").contains("has 6");
        assertThat(admission.lastSeq()).isEqualTo(41);
    }

    @Test
    void afterClose_publishIsRefusedAsShuttingDown() {
        admission.close();

        PublishResult result = admission.publish(systemEvents(1));

        assertThat(result).isInstanceOf(Rejected.class);
        assertThat(((Rejected) result).reason()).isEqualTo(Reason.SHUTTING_DOWN);
        assertThat(sink.dispatcher.pendingEvents()).isZero();
    }

    @Test
    void emptyBatch_isAcceptedWithNoReceipts() {
        assertThat(admission.publish(List.of())).isEqualTo(new Accepted(List.of()));
        assertThat(admission.lastSeq()).isEqualTo(41);
    }

    @Test
    void epoch_isTheOneGiven() {
        assertThat(admission.epoch()).isEqualTo("epoch-1");
    }

    private static List<Publication> systemEvents(int count) {
        return Collections.nCopies(count, Publication.of(new SystemEvent("test", "m", Map.of())));
    }
}
