package io.incidentstream.application.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.message.Pong;
import io.incidentstream.application.message.Welcome;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.filter.Filter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replies are never dropped, so they have their own bound: a client that keeps asking without
 * reading its answers is closed like a slow consumer, and what it left queued is let go.
 */
class QueuedRepliesBoundTest {

    /** High enough that the rate limit is not what stops the flood. */
    private final TestStream stream = new TestStream(StreamSettings.defaults().toBuilder()
            .maxMessagesPerSecond(100_000)
            .maxPendingMessages(5)
            .build());

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void pingFlood_withUpToTheBoundQueued_keepsTheSessionOpen() {
        Client client = stalledClient();

        // One pong in flight, the bound's worth queued behind it.
        pings(client, 1 + Outbox.MAX_QUEUED_REPLIES);

        assertThat(client.channel().isClosed()).isFalse();
    }

    @Test
    void pingFlood_beyondTheBound_closesWith4008() {
        Client client = stalledClient();

        pings(client, 2 + Outbox.MAX_QUEUED_REPLIES);
        // closing waits behind the reply in flight; once that write completes, closing and the close follow.
        client.channel().release();

        assertThat(client.channel().closeCode()).isEqualTo(CloseCode.SLOW_CONSUMER);
        assertThat(stream.metrics.count("slowConsumerClosed")).isEqualTo(1);
        assertThat(stream.statistics().activeConnections()).isZero();
    }

    @Test
    void pingFlood_queuesNothingMoreOnceClosed() {
        Client client = stalledClient();

        pings(client, 10 * Outbox.MAX_QUEUED_REPLIES);
        client.channel().release();

        // Only the pong that was in flight reached the socket, then closing: the queue was let go.
        assertThat(client.channel().messages()).hasSize(3);
        assertThat(client.channel().messages().get(0)).isInstanceOf(Welcome.class);
        assertThat(client.channel().messages().get(1)).isInstanceOf(Pong.class);
        assertThat(client.channel().messages().get(2))
                .isInstanceOf(io.incidentstream.application.message.Closing.class);
        assertThat(client.channel().closeCalls()).isEqualTo(1);
    }

    @Test
    void pingFlood_whileEventsArrive_keepsEventsWithinTheirOwnBound() throws Exception {
        Client client = stream.connect();
        client.subscribe("all", Filter.all());
        client.channel().hold();
        StreamSession session = (StreamSession) client.session();

        for (int i = 0; i < Outbox.MAX_QUEUED_REPLIES; i++) {
            stream.publish(new SystemEvent("deploy", "v" + i, Map.of()));
            client.session().ping(i);
            assertThat(session.queuedEvents()).isLessThanOrEqualTo(5);
        }

        assertThat(client.channel().isClosed()).isFalse();
        pings(client, 2);
        assertThat(session.queuedEvents()).isZero();
        client.channel().release();
        // The dispatcher may still be routing the last events, and its writer may be the one to close.
        client.channel().awaitClosed();
        assertThat(client.channel().closeCode()).isEqualTo(CloseCode.SLOW_CONSUMER);
    }

    /** A client that stopped reading: its first reply stays in flight. */
    private Client stalledClient() {
        Client client = stream.connect();
        client.channel().hold();
        return client;
    }

    private static void pings(Client client, int count) {
        for (int i = 0; i < count; i++) {
            client.session().ping(i);
        }
    }
}
