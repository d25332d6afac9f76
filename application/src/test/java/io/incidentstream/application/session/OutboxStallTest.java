package io.incidentstream.application.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.fakes.RecordingChannel;
import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.message.Pong;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A write stuck in flight for the timeout is a stall; an idle socket or a closed outbox is not. */
class OutboxStallTest {

    private static final long TIMEOUT = 1_000;

    private final FakeClock clock = new FakeClock();
    private final RecordingChannel channel = new RecordingChannel();
    private final Outbox outbox = new Outbox(channel, new RecordingOutboxListener(), 10, Long.MAX_VALUE, clock);

    @Test
    void nothingInFlight_isNoStall() {
        clock.advance(Duration.ofMillis(10 * TIMEOUT));

        assertThat(outbox.writeStalled(clock.millis(), TIMEOUT)).isFalse();
    }

    @Test
    void writeInFlightForTheTimeout_isAStall_measuredFromWhenItStarted() {
        clock.advance(Duration.ofMillis(5 * TIMEOUT));
        channel.hold();
        outbox.offer(new Pong("x"));

        clock.advance(Duration.ofMillis(TIMEOUT - 1));
        assertThat(outbox.writeStalled(clock.millis(), TIMEOUT)).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(outbox.writeStalled(clock.millis(), TIMEOUT)).isTrue();
    }

    @Test
    void completedWrite_endsTheStall() {
        channel.hold();
        outbox.offer(new Pong("x"));
        clock.advance(Duration.ofMillis(2 * TIMEOUT));

        channel.completeHeld();

        assertThat(outbox.writeStalled(clock.millis(), TIMEOUT)).isFalse();
    }

    @Test
    void outboxClosedForAStuckWrite_isNoLongerAStall_evenWithItsWriteStillInFlight() {
        channel.hold();
        outbox.offer(new Pong("x"));
        clock.advance(Duration.ofMillis(TIMEOUT));

        outbox.closeStuck(CloseCode.SLOW_CONSUMER, "slow");

        assertThat(channel.heldWrites()).isEqualTo(1);
        assertThat(outbox.writeStalled(clock.millis(), TIMEOUT)).isFalse();
    }

    @Test
    void abandonedOutbox_stuckBehindAWrite_isStillAStall_soTheSweepCanEndIt() {
        channel.hold();
        outbox.offer(new Pong("x"));
        clock.advance(Duration.ofMillis(TIMEOUT));

        outbox.close(CloseCode.SLOW_CONSUMER.closing("slow"), Outbox.Queued.DROP);

        assertThat(outbox.writeStalled(clock.millis(), TIMEOUT)).isTrue();
    }

    @Test
    void gracefullyClosingOutbox_stuckBehindAWrite_isStillAStall() {
        channel.hold();
        outbox.offer(new Pong("x"));

        outbox.close(CloseCode.GOING_AWAY.closing("bye", 0L), Outbox.Queued.SEND);
        clock.advance(Duration.ofMillis(TIMEOUT));

        assertThat(outbox.writeStalled(clock.millis(), TIMEOUT)).isTrue();
    }
}
