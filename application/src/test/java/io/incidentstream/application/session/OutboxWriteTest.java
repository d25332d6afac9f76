package io.incidentstream.application.session;

import static io.incidentstream.application.session.OutboxMessages.SIZE;
import static io.incidentstream.application.session.OutboxMessages.event;
import static io.incidentstream.domain.event.Priority.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.Await;
import io.incidentstream.application.fakes.RecordingChannel;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.Pong;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** One write in flight, the next started when it completes, whichever thread completes it. */
class OutboxWriteTest {

    private final RecordingChannel channel = new RecordingChannel();
    private final RecordingOutboxListener listener = new RecordingOutboxListener();

    @Test
    void givenStalledWrite_nothingElseIsWritten() {
        Outbox outbox = new Outbox(channel, listener, 100, Long.MAX_VALUE);
        channel.hold();

        outbox.offerEvent(event(1, NORMAL), SIZE);
        outbox.offerEvent(event(2, NORMAL), SIZE);
        outbox.offer(new Pong("t"));

        assertThat(channel.messages()).hasSize(1);
        assertThat(outbox.queuedEvents()).isEqualTo(1);
    }

    @Test
    void completedWrite_startsTheNextOne() {
        Outbox outbox = new Outbox(channel, listener, 100, Long.MAX_VALUE);
        channel.hold();
        outbox.offerEvent(event(1, NORMAL), SIZE);
        outbox.offerEvent(event(2, NORMAL), SIZE);

        channel.completeHeld();

        assertThat(channel.messages()).hasSize(2);
        assertThat(listener.written).hasSize(1);
        assertThat(channel.maxWritesInFlight()).isEqualTo(1);
    }

    @Test
    void synchronouslyCompletingChannel_drains10kMessagesWithoutRecursion() {
        Outbox outbox = new Outbox(channel, listener, 20_000, Long.MAX_VALUE);
        channel.hold();
        for (long seq = 1; seq <= 10_000; seq++) {
            outbox.offerEvent(event(seq, NORMAL), SIZE);
        }
        for (int i = 0; i < 10_000; i++) {
            outbox.offer(new Pong(i));
        }

        channel.release();

        assertThat(channel.messages()).hasSize(20_000);
        assertThat(listener.written).hasSize(20_000);
        assertThat(channel.maxWritesInFlight()).isEqualTo(1);
        assertThat(outbox.queuedEvents()).isZero();
    }

    @Test
    void writesCompletedOnAnotherThread_keepOrderAndOneInFlight() throws InterruptedException {
        Outbox outbox = new Outbox(channel, listener, 20_000, Long.MAX_VALUE);
        channel.hold();
        AtomicBoolean done = new AtomicBoolean();
        Thread socket = new Thread(() -> {
            while (!done.get()) {
                channel.completeHeld();
                Thread.onSpinWait();
            }
        }, "fake-socket");
        socket.start();

        for (long seq = 1; seq <= 10_000; seq++) {
            outbox.offerEvent(event(seq, NORMAL), SIZE);
        }
        Await.until(() -> listener.written.size() == 10_000, "every event is written");
        done.set(true);
        socket.join();

        List<Long> seqs = channel.messages(EventMessage.class).stream().map(m -> m.event().seq()).toList();
        assertThat(seqs).hasSize(10_000).isSorted().doesNotHaveDuplicates();
        assertThat(channel.maxWritesInFlight()).isEqualTo(1);
    }

    @Test
    void failedWrite_isReported_andNothingMoreIsWritten() {
        Outbox outbox = new Outbox(channel, listener, 100, Long.MAX_VALUE);
        channel.hold();
        outbox.offerEvent(event(1, NORMAL), SIZE);
        outbox.offerEvent(event(2, NORMAL), SIZE);
        IOException broken = new IOException("broken pipe");

        channel.failHeld(broken);
        outbox.offerEvent(event(3, NORMAL), SIZE);
        channel.release();

        assertThat(listener.failures).containsExactly(broken);
        assertThat(channel.messages()).hasSize(1);
    }

    @Test
    void stalledWrite_isReportedStalledOnlyAfterTheTimeout() {
        Outbox outbox = new Outbox(channel, listener, 100, Long.MAX_VALUE);
        channel.hold();
        long before = System.nanoTime();

        outbox.offerEvent(event(1, NORMAL), SIZE);

        long after = System.nanoTime();
        assertThat(outbox.writeStalled(after, 1_000_000_000L)).isFalse();
        assertThat(outbox.writeStalled(after + 2_000_000_000L, 1_000_000_000L)).isTrue();
        channel.release();
        assertThat(outbox.writeStalled(before + 10_000_000_000L, 1)).isFalse();
    }
}
