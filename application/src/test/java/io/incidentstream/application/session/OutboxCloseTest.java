package io.incidentstream.application.session;

import static io.incidentstream.application.session.OutboxMessages.SIZE;
import static io.incidentstream.application.session.OutboxMessages.event;
import static io.incidentstream.application.session.OutboxMessages.summary;
import static io.incidentstream.domain.event.Priority.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.RecordingChannel;
import io.incidentstream.application.message.Closing;
import org.junit.jupiter.api.Test;

/** The ways out: drain then close, abandon, discard. */
class OutboxCloseTest {

    private static final Closing GOING_AWAY = new Closing("server shutting down", 1001, true, 500L);
    private static final Closing SLOW = new Closing("slow consumer", 4008, true, null);

    private final RecordingChannel channel = new RecordingChannel();
    private final RecordingOutboxListener listener = new RecordingOutboxListener();
    private final Outbox outbox = new Outbox(channel, listener, 100, Long.MAX_VALUE, java.time.Clock.systemUTC());

    @Test
    void closeAfterDrain_sendsQueuedThenClosingThenCloses() {
        channel.hold();
        outbox.offerEvent(event(1, NORMAL), SIZE);
        outbox.offerEvent(event(2, NORMAL), SIZE);

        outbox.closeAfterDrain(GOING_AWAY, 1001, "server shutting down");
        channel.completeHeld();
        channel.completeHeld();

        assertThat(channel.isClosed()).as("closed before the closing frame was written").isFalse();
        channel.completeHeld();
        assertThat(summary(channel.messages())).containsExactly("1:normal", "2:normal", "Closing");
        assertThat(channel.closeCode()).isEqualTo(1001);
        assertThat(channel.closeReason()).isEqualTo("server shutting down");
    }

    @Test
    void afterCloseAfterDrain_laterMessagesAreIgnored() {
        outbox.closeAfterDrain(GOING_AWAY, 1001, "bye");

        outbox.offerEvent(event(1, NORMAL), SIZE);
        outbox.offer(new io.incidentstream.application.message.Pong("t"));
        outbox.closeAfterDrain(GOING_AWAY, 1001, "again");

        assertThat(summary(channel.messages())).containsExactly("Closing");
        assertThat(channel.closeCalls()).isEqualTo(1);
    }

    @Test
    void abandon_withAWriteInFlight_dropsTheQueue_andSendsClosingRightAfterThatWrite() {
        channel.hold();
        outbox.offerEvent(event(1, NORMAL), SIZE);
        outbox.offerEvent(event(2, NORMAL), SIZE);

        outbox.abandon(SLOW, 4008, "slow consumer");
        assertThat(outbox.queuedEvents()).isZero();
        assertThat(channel.closeCode()).isNull();

        channel.release();
        assertThat(summary(channel.messages())).containsExactly("1:normal", "Closing");
        assertThat(channel.closeCode()).isEqualTo(4008);
    }

    @Test
    void closeStuck_closesAtOnceWithoutClosingFrame() {
        channel.hold();
        outbox.offerEvent(event(1, NORMAL), SIZE);
        outbox.offerEvent(event(2, NORMAL), SIZE);

        outbox.closeStuck(4008, "slow consumer");

        assertThat(channel.closeCode()).isEqualTo(4008);
        assertThat(channel.messages(Closing.class)).isEmpty();
        assertThat(outbox.queuedEvents()).isZero();
    }

    @Test
    void abandon_withSocketFree_sendsClosingThenCloses() {
        outbox.offerEvent(event(1, NORMAL), SIZE);

        outbox.abandon(SLOW, 4008, "slow consumer");

        assertThat(summary(channel.messages())).containsExactly("1:normal", "Closing");
        assertThat(channel.closeCode()).isEqualTo(4008);
    }

    @Test
    void closeStuck_duringAGracefulDrainStuckOnTheSocket_closesAtOnce() {
        channel.hold();
        outbox.offerEvent(event(1, NORMAL), SIZE);
        outbox.closeAfterDrain(GOING_AWAY, 1001, "server shutting down");

        outbox.closeStuck(4008, "slow consumer");

        assertThat(channel.closeCode()).isEqualTo(4008);
        assertThat(channel.messages(Closing.class)).isEmpty();
    }

    @Test
    void discard_stopsWritingForGood() {
        channel.hold();
        outbox.offerEvent(event(1, NORMAL), SIZE);
        outbox.offerEvent(event(2, NORMAL), SIZE);

        outbox.discard();
        channel.release();
        outbox.offerEvent(event(3, NORMAL), SIZE);

        assertThat(summary(channel.messages())).containsExactly("1:normal");
        assertThat(channel.isClosed()).isFalse();
    }
}
