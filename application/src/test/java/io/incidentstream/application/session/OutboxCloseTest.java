package io.incidentstream.application.session;

import static io.incidentstream.application.session.OutboxMessages.SIZE;
import static io.incidentstream.application.session.OutboxMessages.event;
import static io.incidentstream.application.session.OutboxMessages.summary;
import static io.incidentstream.domain.event.Priority.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.RecordingChannel;
import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.message.Closing;
import org.junit.jupiter.api.Test;

/** The ways out: close sending or dropping the queue, close a stuck socket, discard. */
class OutboxCloseTest {

    private static final Closing GOING_AWAY = CloseCode.GOING_AWAY.closing("server shutting down", 500L);
    private static final Closing SLOW = CloseCode.SLOW_CONSUMER.closing("slow consumer");

    private final RecordingChannel channel = new RecordingChannel();
    private final RecordingOutboxListener listener = new RecordingOutboxListener();
    private final Outbox outbox = new Outbox(channel, listener, 100, Long.MAX_VALUE, java.time.Clock.systemUTC());

    @Test
    void closeSendingQueued_sendsQueuedThenClosingThenCloses() {
        oneInFlightOneQueued();

        outbox.close(GOING_AWAY, Outbox.Queued.SEND);
        channel.completeHeld();
        channel.completeHeld();

        assertThat(channel.isClosed())
                .as("closed before the closing frame was written")
                .isFalse();
        channel.completeHeld();
        assertThat(summary(channel.messages())).containsExactly("1:normal", "2:normal", "Closing");
        assertThat(channel.closeCode()).isEqualTo(CloseCode.GOING_AWAY);
        assertThat(channel.closeReason()).isEqualTo("server shutting down");
    }

    @Test
    void afterAClose_laterMessagesAndClosesAreIgnored() {
        outbox.close(GOING_AWAY, Outbox.Queued.SEND);

        outbox.offerEvent(event(1, NORMAL), SIZE);
        outbox.offer(new io.incidentstream.application.message.Pong("t"));
        outbox.close(SLOW, Outbox.Queued.DROP);

        assertThat(summary(channel.messages())).containsExactly("Closing");
        assertThat(channel.closeCalls()).isEqualTo(1);
    }

    @Test
    void closeDroppingQueued_withAWriteInFlight_dropsTheQueue_andSendsClosingRightAfterThatWrite() {
        oneInFlightOneQueued();

        outbox.close(SLOW, Outbox.Queued.DROP);
        assertThat(outbox.queuedEvents()).isZero();
        assertThat(channel.closeCode()).isNull();

        channel.release();
        assertThat(summary(channel.messages())).containsExactly("1:normal", "Closing");
        assertThat(channel.closeCode()).isEqualTo(CloseCode.SLOW_CONSUMER);
    }

    @Test
    void closeStuck_closesAtOnceWithoutClosingFrame() {
        oneInFlightOneQueued();

        outbox.closeStuck(CloseCode.SLOW_CONSUMER, "slow consumer");

        assertThat(channel.closeCode()).isEqualTo(CloseCode.SLOW_CONSUMER);
        assertThat(channel.messages(Closing.class)).isEmpty();
        assertThat(outbox.queuedEvents()).isZero();
    }

    @Test
    void closeDroppingQueued_withSocketFree_sendsClosingThenCloses() {
        outbox.offerEvent(event(1, NORMAL), SIZE);

        outbox.close(SLOW, Outbox.Queued.DROP);

        assertThat(summary(channel.messages())).containsExactly("1:normal", "Closing");
        assertThat(channel.closeCode()).isEqualTo(CloseCode.SLOW_CONSUMER);
    }

    @Test
    void closeStuck_duringAGracefulDrainStuckOnTheSocket_closesAtOnce() {
        channel.hold();
        outbox.offerEvent(event(1, NORMAL), SIZE);
        outbox.close(GOING_AWAY, Outbox.Queued.SEND);

        outbox.closeStuck(CloseCode.SLOW_CONSUMER, "slow consumer");

        assertThat(channel.closeCode()).isEqualTo(CloseCode.SLOW_CONSUMER);
        assertThat(channel.messages(Closing.class)).isEmpty();
    }

    @Test
    void discard_stopsWritingForGood() {
        oneInFlightOneQueued();

        outbox.discard();
        channel.release();
        outbox.offerEvent(event(3, NORMAL), SIZE);

        assertThat(summary(channel.messages())).containsExactly("1:normal");
        assertThat(channel.isClosed()).isFalse();
    }

    /** Event 1 written to the channel, which holds it in flight, and event 2 queued behind it. */
    private void oneInFlightOneQueued() {
        channel.hold();
        outbox.offerEvent(event(1, NORMAL), SIZE);
        outbox.offerEvent(event(2, NORMAL), SIZE);
    }
}
