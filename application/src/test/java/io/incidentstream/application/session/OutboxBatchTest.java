package io.incidentstream.application.session;

import static io.incidentstream.application.session.OutboxMessages.SIZE;
import static io.incidentstream.application.session.OutboxMessages.event;
import static io.incidentstream.domain.event.Priority.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.port.out.ClientChannel;
import io.incidentstream.application.port.out.WriteCallback;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A channel that writes several frames at once gets what is queued in batches, in order, one batch in flight. */
class OutboxBatchTest {

    /** Holds every write until told; records the batches. */
    private static final class BatchingChannel implements ClientChannel {
        final List<List<ServerMessage>> batches = new ArrayList<>();
        WriteCallback pending;
        int inFlight;
        int maxInFlight;

        @Override
        public int maxBatch() {
            return 4;
        }

        @Override
        public void write(ServerMessage message, WriteCallback callback) {
            write(List.of(message), callback);
        }

        @Override
        public void write(List<ServerMessage> messages, WriteCallback callback) {
            batches.add(List.copyOf(messages));
            pending = callback;
            maxInFlight = Math.max(maxInFlight, ++inFlight);
        }

        void complete() {
            WriteCallback callback = pending;
            pending = null;
            inFlight--;
            callback.written();
        }

        @Override
        public void close(CloseCode code, String reason) {}

        @Override
        public void ping() {}

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public String remoteAddress() {
            return "test";
        }
    }

    @Test
    void queuedMessages_goOutInBatchesOfAtMostTheChannelsSize_inOrder_oneBatchInFlight() {
        BatchingChannel channel = new BatchingChannel();
        RecordingOutboxListener listener = new RecordingOutboxListener();
        Outbox outbox = new Outbox(channel, listener, 100, Long.MAX_VALUE, Clock.systemUTC());
        for (long seq = 1; seq <= 10; seq++) {
            outbox.offerEvent(event(seq, NORMAL), SIZE);
        }
        while (channel.pending != null) {
            channel.complete();
        }

        assertThat(channel.batches).extracting(List::size).containsExactly(1, 4, 4, 1);
        assertThat(channel.batches.stream()
                        .flatMap(List::stream)
                        .map(m -> ((EventMessage) m).event().seq()))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(channel.maxInFlight).isEqualTo(1);
        assertThat(listener.written).hasSize(10);
    }
}
