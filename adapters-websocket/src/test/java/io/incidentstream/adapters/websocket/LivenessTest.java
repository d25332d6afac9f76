package io.incidentstream.adapters.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.adapters.websocket.testing.WebSocketServerFixture;
import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.port.in.SessionMaintenance;
import io.incidentstream.application.settings.StreamSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Idle sessions are closed with {@code closing} + 4000, never left registered-but-deaf; a silent
 * client that answers WebSocket pings (as browsers do) stays. Time is a {@link FakeClock}; the
 * sweeps the server's timers would run are called by hand.
 */
class LivenessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(300);

    private final FakeClock clock = new FakeClock();
    private WebSocketServerFixture server;
    private SessionMaintenance maintenance;

    @BeforeEach
    void start() throws Exception {
        server = new WebSocketServerFixture(
                StreamSettings.defaults().toBuilder().sessionTimeout(TIMEOUT).build(), true, clock, List.of());
        maintenance = server.stream().maintenance();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void silentSession_isToldAndClosedWith4000_afterTheTimeout() throws Exception {
        try (TestClient client = server.connect()) {
            clock.advance(TIMEOUT.minusSeconds(1));
            maintenance.closeIdleSessions();
            clock.advance(Duration.ofSeconds(1));
            maintenance.closeIdleSessions();

            JsonNode closing = client.next();
            assertThat(closing.path("type").asText()).isEqualTo("closing");
            assertThat(closing.path("code").asInt()).isEqualTo(CloseCode.IDLE_TIMEOUT.code());
            assertThat(closing.path("reconnect").asBoolean()).isTrue();
            assertThat(client.awaitClose()).isEqualTo(CloseCode.IDLE_TIMEOUT.code());
            awaitActiveConnections(0);
        }
    }

    @Test
    void anyMessage_isActivity() throws Exception {
        try (TestClient client = server.connect()) {
            clock.advance(TIMEOUT.minusSeconds(10));
            client.send("{\"type\":\"ping\"}");
            client.next("pong");
            clock.advance(Duration.ofSeconds(20));
            maintenance.closeIdleSessions();
            client.send("{\"type\":\"ping\",\"timestamp\":\"still open\"}");
            assertThat(client.next().path("timestamp").asText()).isEqualTo("still open");
        }
    }

    @Test
    void silentClientThatAnswersPings_staysConnected() throws Exception {
        try (TestClient browserLike = server.connect()) {
            clock.advance(TIMEOUT.minusSeconds(10));
            maintenance.sendHeartbeats();
            // The heartbeat message for browsers, which cannot see WebSocket pings.
            assertThat(browserLike.next("pong").path("timestamp").asText()).endsWith("Z");
            // Jetty's client answers the ping frame by itself, as a browser does.
            awaitHeartbeatsAnswered(1);

            clock.advance(Duration.ofSeconds(20));
            maintenance.closeIdleSessions();
            browserLike.send("{\"type\":\"ping\",\"timestamp\":\"alive\"}");
            assertThat(browserLike.next().path("timestamp").asText()).isEqualTo("alive");
        }
    }

    /** The ping, held back for the message on a plain connection, still leaves every time. */
    @Test
    void everyHeartbeat_bringsItsPingAndItsPongMessage() throws Exception {
        try (TestClient client = server.connect()) {
            for (int heartbeat = 1; heartbeat <= 3; heartbeat++) {
                maintenance.sendHeartbeats();
                assertThat(client.next("pong").path("timestamp").asText()).endsWith("Z");
                awaitHeartbeatsAnswered(heartbeat);
            }
        }
    }

    @Test
    void clientPingFrames_areAnswered_andCountAsActivity() throws Exception {
        try (TestClient client = server.connect()) {
            clock.advance(TIMEOUT.minusSeconds(10));
            client.sendPing();
            client.awaitPong();
            clock.advance(Duration.ofSeconds(20));
            maintenance.closeIdleSessions();
            client.send("{\"type\":\"ping\",\"timestamp\":\"alive\"}");
            assertThat(client.next().path("timestamp").asText()).isEqualTo("alive");
        }
    }

    private void awaitHeartbeatsAnswered(long count) {
        await(() -> server.stream().statistics().statistics().heartbeatsAnswered() >= count, "heartbeat answered");
    }

    private void awaitActiveConnections(long count) {
        await(() -> server.stream().statistics().statistics().activeConnections() == count, "connections " + count);
    }

    static void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
        }
    }
}
