package io.incidentstream.adapters.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.adapters.websocket.testing.WebSocketServerFixture;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.event.SystemEvent;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.junit.jupiter.api.Test;

/**
 * permessage-deflate is offered only when enabled, and always without context takeover, so that
 * the compressor goes back to the pool after every message and idle connections hold none.
 */
class CompressionTest {

    @Test
    void enabled_negotiatesDeflateWithoutContextTakeover_andMessagesArriveIntact() throws Exception {
        try (WebSocketServerFixture server = new WebSocketServerFixture(StreamSettings.defaults(), true)) {
            TestClient client = new TestClient();
            Session session = connectOffering(server, client, "permessage-deflate");
            String negotiated = session.getUpgradeResponse().getHeader("Sec-WebSocket-Extensions");
            assertThat(negotiated)
                    .contains("permessage-deflate")
                    .contains("server_no_context_takeover")
                    .contains("client_no_context_takeover");

            client.next("welcome");
            StreamEndpointTest.subscribe(client, "all", "{}");
            String text = "compressible ".repeat(1000);
            server.publish(new SystemEvent("deploy", text, Map.of()));
            assertThat(client.next("event").path("event").path("message").asText())
                    .isEqualTo(text);
            client.close();
        }
    }

    /**
     * Events are compressed on the wire, not only readable: the server sends event frames past the
     * session's outgoing layers when it can, and must not do so past the deflate extension.
     */
    @Test
    void enabled_eventFramesAreCompressedOnTheWire() throws Exception {
        try (WebSocketServerFixture server = new WebSocketServerFixture(StreamSettings.defaults(), true)) {
            TestClient client = new TestClient();
            Session session = connectOffering(server, client, "permessage-deflate");
            client.next("welcome");
            StreamEndpointTest.subscribe(client, "all", "{}");
            WebSocketConnection connection =
                    ((WebSocketCoreSession) ((WebSocketSession) session).getCoreSession()).getConnection();
            long before = connection.getBytesIn();
            String text = "compressible ".repeat(1000);
            for (int i = 0; i < 5; i++) {
                server.publish(new SystemEvent("deploy", text, Map.of()));
            }
            for (int i = 0; i < 5; i++) {
                assertThat(client.next("event").path("event").path("message").asText())
                        .isEqualTo(text);
            }
            long read = connection.getBytesIn() - before;
            assertThat(read)
                    .as("bytes read for five events of %d characters each", text.length())
                    .isLessThan(text.length());
            client.close();
        }
    }

    @Test
    void idleConnections_holdNoCompressor_afterCompressedMessages() throws Exception {
        try (WebSocketServerFixture server = new WebSocketServerFixture(StreamSettings.defaults(), true)) {
            java.util.List<TestClient> clients = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                TestClient client = new TestClient();
                connectOffering(server, client, "permessage-deflate");
                client.next("welcome");
                StreamEndpointTest.subscribe(client, "all", "{}");
                clients.add(client);
            }
            server.publish(new SystemEvent("deploy", "compressible ".repeat(100), Map.of()));
            for (TestClient client : clients) {
                client.next("event");
            }
            var deflaters = org.eclipse.jetty.websocket.core.server.WebSocketServerComponents.getWebSocketComponents(
                            server.jetty())
                    .getDeflaterPool()
                    .getPool();
            LivenessTest.await(() -> deflaters.getInUseCount() == 0, "every deflater back in the pool");
            assertThat(deflaters.getInUseCount()).isZero();
            clients.forEach(TestClient::close);
        }
    }

    /**
     * The heartbeat passes the deflate extension, heartbeat after heartbeat: its ping cannot be held
     * back for its message there (the extension waits for each frame to be written before the next).
     */
    @Test
    void enabled_everyHeartbeat_bringsItsPingAndItsPongMessage() throws Exception {
        try (WebSocketServerFixture server = new WebSocketServerFixture(StreamSettings.defaults(), true)) {
            TestClient client = new TestClient();
            connectOffering(server, client, "permessage-deflate");
            client.next("welcome");
            for (int heartbeat = 1; heartbeat <= 3; heartbeat++) {
                server.stream().maintenance().sendHeartbeats();
                assertThat(client.next("pong").path("timestamp").asText()).endsWith("Z");
                long answered = heartbeat;
                LivenessTest.await(
                        () -> server.stream().statistics().statistics().heartbeatsAnswered() >= answered,
                        "ping " + heartbeat + " answered");
            }
            client.close();
        }
    }

    @Test
    void disabled_negotiatesNoExtension() throws Exception {
        try (WebSocketServerFixture server = new WebSocketServerFixture(StreamSettings.defaults(), false)) {
            TestClient client = new TestClient();
            Session session = connectOffering(server, client, "permessage-deflate");
            assertThat(session.getUpgradeResponse().getHeader("Sec-WebSocket-Extensions"))
                    .isNull();
            client.next("welcome");
            client.close();
        }
    }

    private static Session connectOffering(WebSocketServerFixture server, TestClient client, String extension)
            throws Exception {
        ClientUpgradeRequest request = new ClientUpgradeRequest(server.uri());
        request.addExtensions(extension);
        return server.client().connect(client, request).get(10, TimeUnit.SECONDS);
    }
}
