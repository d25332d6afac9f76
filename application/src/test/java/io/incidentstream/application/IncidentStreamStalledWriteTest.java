package io.incidentstream.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.Await;
import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.message.Pong;
import io.incidentstream.application.port.in.Publication;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.event.Priority;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.filter.Filter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A session whose socket accepts no write for {@code write_timeout} is closed with 4008 by the stall sweep. */
class IncidentStreamStalledWriteTest {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final TestStream stream = new TestStream(
            StreamSettings.defaults().toBuilder().writeTimeout(WRITE_TIMEOUT).build());

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void writeStuckJustShortOfTheTimeout_leavesTheSessionOpen() {
        Client client = stalledClient();
        stream.clock.advance(WRITE_TIMEOUT.minusMillis(1));

        stream.maintenance().closeStalledSessions();

        assertThat(client.channel().isClosed()).isFalse();
        assertThat(stream.metrics.count("slowConsumerClosed")).isZero();
    }

    @Test
    void writeStuckForTheTimeout_closesTheSessionWith4008() {
        Client client = stalledClient();
        stream.clock.advance(WRITE_TIMEOUT.minusMillis(1));
        stream.maintenance().closeStalledSessions();

        stream.clock.advance(Duration.ofMillis(1));
        stream.maintenance().closeStalledSessions();

        assertThat(client.channel().closeCode()).isEqualTo(CloseCode.SLOW_CONSUMER);
        assertThat(stream.statistics().activeConnections()).isZero();
    }

    @Test
    void stalledSessionsClose_isCountedAsASlowConsumer() {
        stalledClient();
        stream.clock.advance(WRITE_TIMEOUT);

        stream.maintenance().closeStalledSessions();

        assertThat(stream.metrics.count("slowConsumerClosed")).isEqualTo(1);
    }

    @Test
    void healthySession_isUntouched_howeverLongItsBeenConnected() {
        Client healthy = stream.connect();
        healthy.session().ping("a");
        stream.clock.advance(WRITE_TIMEOUT.multipliedBy(10));
        healthy.session().ping("b");

        stream.maintenance().closeStalledSessions();

        assertThat(healthy.channel().isClosed()).isFalse();
        assertThat(healthy.channel().messages(Pong.class)).hasSize(2);
        assertThat(stream.metrics.count("slowConsumerClosed")).isZero();
    }

    @Test
    void aSlowReaderWhoseSocketKeepsTakingBytes_isNotStalled_untilItStopsTakingThemForTheTimeout() {
        Client client = stalledClient();
        for (int sweep = 0; sweep < 5; sweep++) {
            // The write has been in flight for longer than the timeout, but some of it left each time.
            stream.clock.advance(WRITE_TIMEOUT.minusSeconds(1));
            client.channel().tookSomeBytes();
            stream.maintenance().closeStalledSessions();
            assertThat(client.channel().isClosed()).as("after sweep %d", sweep).isFalse();
        }

        stream.clock.advance(WRITE_TIMEOUT.minusMillis(1));
        stream.maintenance().closeStalledSessions();
        assertThat(client.channel().isClosed())
                .as("a little short of the timeout without progress")
                .isFalse();
        stream.clock.advance(Duration.ofMillis(1));
        stream.maintenance().closeStalledSessions();

        assertThat(client.channel().closeCode()).isEqualTo(CloseCode.SLOW_CONSUMER);
        assertThat(stream.metrics.count("slowConsumerClosed")).isEqualTo(1);
    }

    @Test
    void stalledClientWithNothingToWrite_isNotAStalledWrite() {
        Client client = stream.connect();
        client.channel().hold();
        stream.clock.advance(WRITE_TIMEOUT.multipliedBy(10));

        stream.maintenance().closeStalledSessions();

        assertThat(client.channel().isClosed()).isFalse();
    }

    @Test
    void onlyTheStalledSession_isClosed() {
        Client stalled = stalledClient();
        Client healthy = stream.connect();
        healthy.session().ping("x");
        stream.clock.advance(WRITE_TIMEOUT);

        stream.maintenance().closeStalledSessions();

        assertThat(stalled.channel().closeCode()).isEqualTo(CloseCode.SLOW_CONSUMER);
        assertThat(healthy.channel().isClosed()).isFalse();
    }

    @Test
    void writeThatCompletesLate_butBeforeTheSweep_isNotAStall() {
        Client client = stalledClient();
        stream.clock.advance(WRITE_TIMEOUT.minusSeconds(1));
        client.channel().release();
        stream.clock.advance(Duration.ofSeconds(5));

        stream.maintenance().closeStalledSessions();

        assertThat(client.channel().isClosed()).isFalse();
    }

    @Test
    void stalledSession_whoseCloseIsNotYetReported_isCountedOnce() {
        Client client = stream.connectWithoutCloseReport();
        client.channel().hold();
        client.session().ping("stuck");
        stream.clock.advance(WRITE_TIMEOUT);
        stream.maintenance().closeStalledSessions();

        stream.clock.advance(Duration.ofSeconds(1));
        stream.maintenance().closeStalledSessions();

        assertThat(client.channel().closeCode()).isEqualTo(CloseCode.SLOW_CONSUMER);
        assertThat(client.channel().closeCalls()).isEqualTo(1);
        assertThat(stream.metrics.count("slowConsumerClosed")).isEqualTo(1);
    }

    @Test
    void sessionOverwhelmedByCriticalEvents_thenStuck_isCountedOnce() {
        TestStream small = new TestStream(StreamSettings.defaults().toBuilder()
                .writeTimeout(WRITE_TIMEOUT)
                .maxPendingMessages(2)
                .build());
        try {
            Client client = small.connectWithoutCloseReport();
            client.subscribe("all", Filter.all());
            client.channel().hold();
            for (int i = 0; i < 5; i++) {
                small.stream
                        .publisher()
                        .publish(List.of(
                                new Publication(new SystemEvent("page", "p" + i, Map.of()), Priority.CRITICAL)));
            }
            Await.until(() -> small.metrics.count("slowConsumerClosed") == 1, "the overwhelmed session closed");

            small.clock.advance(WRITE_TIMEOUT);
            small.maintenance().closeStalledSessions();

            assertThat(client.channel().closeCode()).isEqualTo(CloseCode.SLOW_CONSUMER);
            assertThat(small.metrics.count("slowConsumerClosed")).isEqualTo(1);
        } finally {
            small.close();
        }
    }

    @Test
    void queueDepth_isSampledForEverySession() {
        Client stalled = stream.connect();
        stalled.subscribe("all", Filter.all());
        stream.connect();
        stream.connect();
        stalled.channel().hold();
        for (int i = 0; i < 4; i++) {
            stream.publish(new SystemEvent("deploy", "v" + i, Map.of()));
        }
        Await.until(() -> stream.stream.pendingEvents() == 0, "every event is routed");

        stream.maintenance().closeStalledSessions();

        // One event is in flight; the other three wait in the queue.
        assertThat(stream.metrics.queueDepths()).containsExactlyInAnyOrder(3, 0, 0);
    }

    /** A client that stopped reading, with a pong stuck in flight since now. */
    private Client stalledClient() {
        Client client = stream.connect();
        client.channel().hold();
        client.session().ping("stuck");
        assertThat(client.channel().heldWrites()).isEqualTo(1);
        return client;
    }
}
