package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The assembled server runs its own timers: heartbeats go out, and a client that answers nothing is closed. */
class MaintenanceScheduleTest {

    @RegisterExtension
    final RunningServer server = new RunningServer(
            Map.of("heartbeat_interval_secs", "1", "session_timeout_secs", "2", "cleanup_interval_secs", "1"));

    private final WebSocketClient ws = new WebSocketClient();

    @RegisterExtension
    final ClientsPerTest clients = new ClientsPerTest(ws);

    @Test
    void heartbeatMessages_arriveEveryInterval() throws Exception {
        try (TestClient client = TestClient.connect(ws, uri())) {
            client.next("welcome");
            JsonNode heartbeat = client.next("pong");
            assertThat(heartbeat.path("timestamp").asText()).endsWith("Z");
            assertThat(client.next("pong").path("timestamp").asText())
                    .isNotEqualTo(heartbeat.path("timestamp").asText());
        }
    }

    @Test
    void clientThatAnswersNoPingAndSendsNothing_isClosedWith4000() throws Exception {
        Deaf deaf = new Deaf();
        ws.connect(deaf, new ClientUpgradeRequest(uri())).get(10, TimeUnit.SECONDS);
        assertThat(deaf.closeCode.get(20, TimeUnit.SECONDS)).isEqualTo(4000);
    }

    private URI uri() {
        return server.ws();
    }

    /** Overriding the ping handler turns off the client's automatic pong: this client sends nothing at all. */
    public static final class Deaf implements Session.Listener.AutoDemanding {
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

        @Override
        public void onWebSocketPing(ByteBuffer payload) {
            // Deliberately no pong.
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            closeCode.complete(statusCode);
            callback.succeed();
        }
    }
}
