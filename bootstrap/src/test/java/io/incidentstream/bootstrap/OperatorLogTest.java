package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.adapters.websocket.testing.TestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What an operator reads in the log of a running server: session opens and closes at DEBUG (id,
 * address, close code, duration), refusals and closes for abuse at INFO, at most 20 a minute, and
 * no library noise at DEBUG.
 */
@Timeout(120)
class OperatorLogTest {

    private static final String KEY = "pk_operator_log_test_key_1234";

    @Test
    void debug_showsSessionsOpeningAndClosing_refusalsAreRateLimited_andLibrariesStayQuiet() throws Exception {
        WebSocketClient ws = new WebSocketClient();
        try (ServerProcess process = ServerProcess.start(
                Map.of("INCIDENT_STREAM_API_KEYS", KEY),
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--log-level",
                "debug",
                "--max-messages-per-sec",
                "5",
                "--rate-limit-close-after-secs",
                "1")) {
            int port = process.awaitPort();
            ws.start();
            String sessionId;
            try (TestClient client = TestClient.connect(ws, URI.create("ws://127.0.0.1:" + port + "/ws"))) {
                sessionId = client.next("welcome").path("session_id").asText();
            }
            process.awaitLine(
                    line -> line.contains("DEBUG") && line.contains("session " + sessionId + " opened from 127.0.0.1"),
                    "the session opening");
            process.awaitLine(
                    line -> line.contains("DEBUG")
                            && line.contains("session " + sessionId + " from 127.0.0.1 closed with 1000"),
                    "the session closing normally");

            try (TestClient flooder = TestClient.connect(ws, URI.create("ws://127.0.0.1:" + port + "/ws"))) {
                String flooderId = flooder.next("welcome").path("session_id").asText();
                while (flooder.isOpen()) {
                    flooder.send("{\"type\":\"ping\"}");
                    flooder.poll(java.time.Duration.ofMillis(10));
                }
                process.awaitLine(
                        line -> line.contains("INFO")
                                && line.contains("session " + flooderId + " from 127.0.0.1 closed with 4029"),
                        "the flooder's close at INFO");
            }

            // A flooder that drops the connection without answering the close frame (as a looping
            // script does) reports no code of its own: the line still gives the server's 4029.
            List<String> silentFrames = new java.util.ArrayList<>();
            try (RawWire.WebSocket silent = new RawWire.WebSocket(port, "/ws", List.of())) {
                long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(3);
                try {
                    while (System.nanoTime() < until) {
                        silent.text("{\"type\":\"ping\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        // Paced as a script in a loop would be: 500 a second, a hundred times the limit.
                        java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
                    }
                } catch (java.io.IOException cut) {
                    // The server gave up waiting for the close to be answered: the end this test is about.
                }
                assertThat(silent.awaitClose(silentFrames)).isIn(4029, -1);
            }
            assertThat(silentFrames).as("the welcome, read before the close").isNotEmpty();
            String silentId = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(silentFrames.get(0))
                    .path("session_id")
                    .asText();
            process.awaitLine(
                    line -> line.contains("INFO")
                            && line.matches(
                                    ".*session " + silentId + " from 127.0.0.1 closed with 4029 \\(.+\\) after .*"),
                    "the silent flooder's close at INFO, with the server's code and reason");

            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < RefusalLogLimit.PER_MINUTE + 10; i++) {
                HttpResponse<String> refused = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/events"))
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .header("Content-Type", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).isEqualTo(401);
            }
            process.awaitLine(
                    line -> line.contains("INFO") && line.contains("refused POST /api/v1/events from 127.0.0.1: 401"),
                    "a refused publish");
            process.terminate();
            assertThat(process.awaitExit()).isZero();

            long refusals = process.lines().stream()
                    .filter(line -> line.contains("i.refusals") || line.contains("refusals -"))
                    .count();
            assertThat(refusals).as("lines from the refusals logger").isLessThanOrEqualTo(RefusalLogLimit.PER_MINUTE);
            assertThat(process.output()).doesNotContain(KEY);
            assertThat(process.lines())
                    .noneMatch(line -> line.contains(" o.e.j.")
                            || line.contains("eclipse")
                            || line.contains("DeflateExtension")
                            || line.contains("i.micrometer"));
        } finally {
            ws.stop();
        }
    }
}
