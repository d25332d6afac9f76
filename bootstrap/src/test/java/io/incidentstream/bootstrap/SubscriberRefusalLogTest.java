package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.bootstrap.sse.SseStream;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every refused subscriber leaves one line in the refusals log, whichever endpoint and whichever
 * way its token came: {@code /sse}'s 401 and 403 (found from outside: counted in the metrics, never
 * logged), and a browser's bad token as a subprotocol, told with {@code closing} + 4001 (found from
 * outside: logged when it came in the query, not as a subprotocol). Never the token itself.
 */
@Timeout(120)
class SubscriberRefusalLogTest {

    @Test
    void everyRefusedSubscriber_isLoggedOnce_onBothEndpoints_withoutItsToken() throws Exception {
        String forged =
                SubscriberTokens.hs256(SubscriberTokens.claims("mallory"), "not-the-server-secret-0123456789abcdef!");
        WebSocketClient ws = new WebSocketClient();
        try (ServerProcess process = ServerProcess.start(
                Map.of("INCIDENT_STREAM_JWT_HS256_SECRET", SubscriberTokens.SECRET),
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--allowed-origins",
                "https://ops.example.com")) {
            int port = process.awaitPort();

            try (SseStream anonymous = SseStream.open(port, "/sse")) {
                assertThat(anonymous.status()).isEqualTo(401);
            }
            process.awaitLine(
                    line -> line.contains("INFO")
                            && line.contains("refused SSE stream from 127.0.0.1: 401 UNAUTHENTICATED"
                                    + " (a subscriber token is required)"),
                    "the stream without a token");
            try (SseStream foreign =
                    SseStream.open(port, "/sse?access_token=" + forged, Map.of("Origin", "https://evil.example.net"))) {
                assertThat(foreign.status()).isEqualTo(403);
            }
            process.awaitLine(
                    line -> line.contains("refused SSE stream from 127.0.0.1: 403 ORIGIN_NOT_ALLOWED"
                            + " (origin https://evil.example.net)"),
                    "the stream from another site");

            ws.start();
            ClientUpgradeRequest request = new ClientUpgradeRequest(URI.create("ws://127.0.0.1:" + port + "/ws"));
            request.setSubProtocols("incident-stream.bearer", forged);
            TestClient browser = new TestClient();
            ws.connect(browser, request).get(10, TimeUnit.SECONDS);
            assertThat(browser.next("closing").path("code").asInt()).isEqualTo(4001);
            assertThat(browser.awaitClose()).isEqualTo(4001);
            process.awaitLine(
                    line -> line.contains("refused WebSocket session from 127.0.0.1: closing 4001 UNAUTHENTICATED"
                            + " (token rejected: bad signature)"),
                    "the browser's forged token");

            process.terminate();
            assertThat(process.awaitExit()).isZero();
            assertThat(process.lines().stream().filter(line -> line.contains("closing 4001")))
                    .as("the browser's refusal, logged once (not again when its session closed)")
                    .hasSize(1);
            assertThat(process.output()).doesNotContain(forged).doesNotContain(forged.split("\\.")[2]);
        } finally {
            ws.stop();
        }
    }
}
