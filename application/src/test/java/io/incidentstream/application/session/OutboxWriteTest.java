package io.incidentstream.application.session;

import static io.incidentstream.application.session.OutboxMessages.SIZE;
import static io.incidentstream.application.session.OutboxMessages.event;
import static io.incidentstream.domain.event.Priority.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.Await;
import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.fakes.RecordingChannel;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.Pong;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** One write in flight, the next started when it completes, whichever thread completes it. */
class OutboxWriteTest {

    private final RecordingChannel channel = new RecordingChannel();
    private final RecordingOutboxListener listener = new RecordingOutboxListener();

    @Test
    void givenStalledWrite_nothingElseIsWritten() {
        Outbox outbox = heldOutbox(100);

        outbox.offerEvent(event(1, NORMAL), SIZE);
        outbox.offerEvent(event(2, NORMAL), SIZE);
        outbox.offer(new Pong("t"));

        assertThat(channel.messages()).hasSize(1);
        assertThat(outbox.queuedEvents()).isEqualTo(1);
    }

    @Test
    void completedWrite_startsTheNextOne() {
        Outbox outbox = heldOutbox(100);
        outbox.offerEvent(event(1, NORMAL), SIZE);
        outbox.offerEvent(event(2, NORMAL), SIZE);

        channel.completeHeld();

        assertThat(channel.messages()).hasSize(2);
        assertThat(listener.written).hasSize(1);
        assertThat(channel.maxWritesInFlight()).isEqualTo(1);
    }

    @Test
    void synchronouslyCompletingChannel_drains10kMessagesWithoutRecursion() {
        Outbox outbox = heldOutbox(20_000);
        for (long seq = 1; seq <= 10_000; seq++) {
            outbox.offerEvent(event(seq, NORMAL), SIZE);
        }
        for (int i = 0; i < Outbox.MAX_QUEUED_REPLIES; i++) {
            outbox.offer(new Pong(i));
        }

        channel.release();

        assertThat(channel.messages()).hasSize(10_000 + Outbox.MAX_QUEUED_REPLIES);
        assertThat(listener.written).hasSize(10_000 + Outbox.MAX_QUEUED_REPLIES);
        assertThat(channel.maxWritesInFlight()).isEqualTo(1);
        assertThat(outbox.queuedEvents()).isZero();
    }

    @Test
    void writesCompletedOnAnotherThread_keepOrderAndOneInFlight() throws InterruptedException {
        Outbox outbox = heldOutbox(20_000);
        AtomicBoolean done = new AtomicBoolean();
        Thread socket = new Thread(
                () -> {
                    while (!done.get()) {
                        channel.completeHeld();
                        Thread.onSpinWait();
                    }
                },
                "fake-socket");
        socket.start();

        for (long seq = 1; seq <= 10_000; seq++) {
            outbox.offerEvent(event(seq, NORMAL), SIZE);
        }
        Await.until(() -> listener.written.size() == 10_000, "every event is written");
        done.set(true);
        socket.join();

        List<Long> seqs = channel.messages(EventMessage.class).stream()
                .map(m -> m.event().seq())
                .toList();
        assertThat(seqs).hasSize(10_000).isSorted().doesNotHaveDuplicates();
        assertThat(channel.maxWritesInFlight()).isEqualTo(1);
    }

    @Test
    void failedWrite_isReported_andNothingMoreIsWritten() {
        Outbox outbox = heldOutbox(100);
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
        FakeClock clock = new FakeClock();
        Outbox outbox = heldOutbox(100, clock);

        outbox.offerEvent(event(1, NORMAL), SIZE);

        assertThat(outbox.writeStalled(clock.millis(), 1000)).isFalse();
        clock.advance(Duration.ofMillis(999));
        assertThat(outbox.writeStalled(clock.millis(), 1000)).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(outbox.writeStalled(clock.millis(), 1000)).isTrue();
        channel.release();
        assertThat(outbox.writeStalled(clock.millis() + 10_000, 1)).isFalse();
    }

    @Test
    void repliesNobodyReads_areBounded_andOverwhelmTheSession() {
        Outbox outbox = heldOutbox(100);
        for (int i = 0; i <= Outbox.MAX_QUEUED_REPLIES + 1; i++) {
            outbox.offer(new Pong(i));
        }
        assertThat(listener.overwhelmed).hasValue(1);
    }

    /** An outbox of {@code maxEvents} queued events (bytes unbounded) on the channel, which holds every write. */
    private Outbox heldOutbox(int maxEvents) {
        return heldOutbox(maxEvents, Clock.systemUTC());
    }

    private Outbox heldOutbox(int maxEvents, Clock clock) {
        Outbox outbox = new Outbox(channel, listener, maxEvents, Long.MAX_VALUE, clock);
        channel.hold();
        return outbox;
    }
}
