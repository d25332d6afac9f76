package io.incidentstream.application.session;

import static io.incidentstream.application.session.OutboxMessages.SIZE;
import static io.incidentstream.application.session.OutboxMessages.event;
import static io.incidentstream.application.session.OutboxMessages.summary;
import static io.incidentstream.domain.event.Priority.HIGH;
import static io.incidentstream.domain.event.Priority.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.RecordingChannel;
import io.incidentstream.application.message.Pong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue is bounded by events and by bytes; the write in flight, gaps and replies do not count. */
class OutboxBoundsTest {

    private final RecordingChannel channel = new RecordingChannel();
    private final RecordingOutboxListener listener = new RecordingOutboxListener();

    @BeforeEach
    void stalledClient() {
        channel.hold();
    }

    @Test
    void givenCountBound_queuesThatManyEventsBehindTheOneInFlight() {
        Outbox outbox = new Outbox(channel, listener, 3, Long.MAX_VALUE, java.time.Clock.systemUTC());

        for (long seq = 1; seq <= 5; seq++) {
            outbox.offerEvent(event(seq, NORMAL), SIZE);
        }

        assertThat(outbox.queuedEvents()).isEqualTo(3);
        assertThat(listener.dropped).containsExactly(NORMAL);
        channel.release();
        assertThat(summary(channel.messages()))
                .containsExactly("1:normal", "2:normal", "3:normal", "4:normal", "gap 5-5/1");
    }

    @Test
    void givenByteBound_queuesOnlyWhatFits() {
        Outbox outbox = new Outbox(channel, listener, 1000, 2 * SIZE + 50, java.time.Clock.systemUTC());

        for (long seq = 1; seq <= 4; seq++) {
            outbox.offerEvent(event(seq, NORMAL), SIZE);
        }

        assertThat(outbox.queuedEvents()).isEqualTo(2);
        assertThat(outbox.queuedBytes()).isEqualTo(2 * SIZE);
        assertThat(listener.dropped).containsExactly(NORMAL);
    }

    @Test
    void givenEmptyQueue_anEventLargerThanTheByteBoundIsStillQueued() {
        Outbox outbox = new Outbox(channel, listener, 10, SIZE, java.time.Clock.systemUTC());
        outbox.offerEvent(event(1, NORMAL), SIZE);

        outbox.offerEvent(event(2, NORMAL), 10 * SIZE);

        assertThat(outbox.queuedEvents()).isEqualTo(1);
        assertThat(listener.dropped).isEmpty();
    }

    @Test
    void gapFrames_doNotCountAgainstTheBound() {
        Outbox outbox = new Outbox(channel, listener, 2, Long.MAX_VALUE, java.time.Clock.systemUTC());
        outbox.offerEvent(event(1, NORMAL), SIZE);
        outbox.offerEvent(event(2, NORMAL), SIZE);
        outbox.offerEvent(event(3, NORMAL), SIZE);

        outbox.offerEvent(event(4, HIGH), SIZE);
        outbox.offerEvent(event(5, HIGH), SIZE);

        assertThat(outbox.queuedEvents()).isEqualTo(2);
        channel.release();
        assertThat(summary(channel.messages())).containsExactly("1:normal", "gap 2-3/2", "4:high", "5:high");
    }

    @Test
    void replies_areNeitherCountedNorDropped() {
        Outbox outbox = new Outbox(channel, listener, 1, Long.MAX_VALUE, java.time.Clock.systemUTC());
        outbox.offerEvent(event(1, NORMAL), SIZE);
        for (int i = 0; i < 50; i++) {
            outbox.offer(new Pong(i));
        }

        outbox.offerEvent(event(2, NORMAL), SIZE);

        assertThat(outbox.queuedEvents()).isEqualTo(1);
        assertThat(listener.dropped).isEmpty();
        channel.release();
        assertThat(channel.messages(Pong.class)).hasSize(50);
    }

    @Test
    void writtenEvents_freeTheirRoom() {
        Outbox outbox = new Outbox(channel, listener, 2, 2L * SIZE, java.time.Clock.systemUTC());
        outbox.offerEvent(event(1, NORMAL), SIZE);
        outbox.offerEvent(event(2, NORMAL), SIZE);
        outbox.offerEvent(event(3, NORMAL), SIZE);

        channel.completeHeld();
        outbox.offerEvent(event(4, NORMAL), SIZE);

        assertThat(outbox.queuedEvents()).isEqualTo(2);
        assertThat(outbox.queuedBytes()).isEqualTo(2L * SIZE);
        assertThat(listener.dropped).isEmpty();
    }
}
