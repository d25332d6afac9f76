package io.incidentstream.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.Await;
import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.message.Closing;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.filter.Filter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A session with no inbound activity for {@code session_timeout} is sent {@code closing} and closed with 4000. */
class IncidentStreamIdleTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final TestStream stream = new TestStream(
            StreamSettings.defaults().toBuilder().sessionTimeout(TIMEOUT).build());

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void sessionWithNoActivityForTheTimeout_isSentClosing4000_andClosedWith4000() {
        Client client = stream.connect();
        stream.clock.advance(TIMEOUT);

        stream.maintenance().closeIdleSessions();

        assertThat(client.channel().closeCode()).isEqualTo(CloseCode.IDLE_TIMEOUT);
        assertThat(lastMessage(client)).isInstanceOfSatisfying(Closing.class, closing -> {
            assertThat(closing.code()).isEqualTo(CloseCode.IDLE_TIMEOUT);
            assertThat(closing.reconnect()).isTrue();
        });
        assertThat(stream.statistics().activeConnections()).isZero();
    }

    @Test
    void sessionJustShortOfTheTimeout_staysOpen() {
        Client client = stream.connect();
        stream.clock.advance(TIMEOUT.minusMillis(1));

        stream.maintenance().closeIdleSessions();

        assertThat(client.channel().isClosed()).isFalse();
    }

    @Test
    void activityWithinTheTimeout_keepsTheSessionOpen_untilATimeoutAfterIt() {
        Client client = stream.connect();
        stream.clock.advance(Duration.ofSeconds(40));
        client.session().activity();
        stream.clock.advance(Duration.ofSeconds(40));

        stream.maintenance().closeIdleSessions();
        assertThat(client.channel().isClosed()).isFalse();

        stream.clock.advance(Duration.ofSeconds(20));
        stream.maintenance().closeIdleSessions();
        assertThat(client.channel().closeCode()).isEqualTo(CloseCode.IDLE_TIMEOUT);
    }

    @Test
    void answeredHeartbeat_keepsTheSessionOpen() {
        Client client = stream.connect();
        stream.clock.advance(Duration.ofSeconds(40));
        client.session().heartbeatAnswered();
        stream.clock.advance(Duration.ofSeconds(40));

        stream.maintenance().closeIdleSessions();

        assertThat(client.channel().isClosed()).isFalse();
    }

    @Test
    void inboundMessage_keepsTheSessionOpen() {
        Client client = stream.connect();
        stream.clock.advance(Duration.ofSeconds(40));
        client.session().ping("still here");
        stream.clock.advance(Duration.ofSeconds(40));

        stream.maintenance().closeIdleSessions();

        assertThat(client.channel().isClosed()).isFalse();
    }

    @Test
    void heartbeatsSentByTheServer_areNotActivity() {
        Client client = stream.connect();
        stream.clock.advance(Duration.ofSeconds(30));
        stream.maintenance().sendHeartbeats();
        stream.clock.advance(Duration.ofSeconds(30));

        stream.maintenance().closeIdleSessions();

        assertThat(client.channel().closeCode()).isEqualTo(CloseCode.IDLE_TIMEOUT);
    }

    @Test
    void onlyTheIdleSession_isClosed() {
        Client idle = stream.connect();
        stream.clock.advance(Duration.ofSeconds(30));
        Client active = stream.connect();
        stream.clock.advance(Duration.ofSeconds(30));

        stream.maintenance().closeIdleSessions();

        assertThat(idle.channel().closeCode()).isEqualTo(CloseCode.IDLE_TIMEOUT);
        assertThat(active.channel().isClosed()).isFalse();
        assertThat(stream.statistics().activeConnections()).isEqualTo(1);
    }

    @Test
    void idleSessionThatStoppedReading_isToldBehindItsStuckWrite_andClosedByTheStalledWriteSweep() {
        Client client = stream.connect();
        client.channel().hold();
        stream.maintenance().sendHeartbeats();
        stream.clock.advance(TIMEOUT);

        stream.maintenance().closeIdleSessions();
        assertThat(client.channel().closeCode())
                .as("closing waits behind the write in flight")
                .isNull();

        stream.clock.advance(java.time.Duration.ofSeconds(15));
        stream.maintenance().closeStalledSessions();
        assertThat(client.channel().closeCode()).isEqualTo(CloseCode.SLOW_CONSUMER);
        assertThat(stream.statistics().activeConnections()).isZero();
    }

    @Test
    void idleSessionStuckBehindAWrite_isCountedIdleOnce_andSlowOnceWhenTheSweepClosesIt() {
        Client client = stream.connectWithoutCloseReport();
        client.channel().hold();
        stream.maintenance().sendHeartbeats();
        stream.clock.advance(TIMEOUT);

        stream.maintenance().closeIdleSessions();
        stream.clock.advance(Duration.ofSeconds(5));
        stream.maintenance().closeIdleSessions();
        stream.clock.advance(Duration.ofSeconds(15));
        stream.maintenance().closeStalledSessions();

        assertThat(client.channel().closeCode()).isEqualTo(CloseCode.SLOW_CONSUMER);
        assertThat(stream.metrics.count("idleClosed")).isEqualTo(1);
        assertThat(stream.metrics.count("slowConsumerClosed"))
                .as("closed with 4008 in the end, though it was closing as idle")
                .isEqualTo(1);
    }

    @Test
    void idleClose_isCountedInMetrics() {
        stream.connect();
        stream.connect();
        stream.clock.advance(TIMEOUT);

        stream.maintenance().closeIdleSessions();

        assertThat(stream.metrics.count("idleClosed")).isEqualTo(2);
        assertThat(stream.metrics.count("sessionClosed")).isEqualTo(2);
    }

    @Test
    void sessionWhoseChannelWasDropped_isForgotten_withItsSubscriptions() {
        Client client = stream.connect();
        client.subscribe("a", Filter.all());
        client.subscribe("b", Filter.all());
        client.channel().drop();

        stream.maintenance().closeIdleSessions();

        assertThat(stream.statistics().activeConnections()).isZero();
        Await.until(() -> stream.statistics().activeSubscriptions() == 0, "the subscriptions are removed");
        assertThat(stream.metrics.count("subscriptionRemoved")).isEqualTo(2);
        assertThat(stream.metrics.count("idleClosed")).isZero();
    }

    @Test
    void sessionWhoseChannelWasDropped_isForgottenOnce_andOthersAreKept() {
        Client dropped = stream.connect();
        Client kept = stream.connect();
        dropped.channel().drop();

        stream.maintenance().closeIdleSessions();
        stream.maintenance().closeIdleSessions();
        dropped.session().disconnected();

        assertThat(stream.statistics().activeConnections()).isEqualTo(1);
        assertThat(stream.metrics.count("sessionClosed")).isEqualTo(1);
        assertThat(kept.channel().isClosed()).isFalse();
    }

    private static ServerMessage lastMessage(Client client) {
        List<ServerMessage> sent = client.channel().messages();
        return sent.get(sent.size() - 1);
    }
}
