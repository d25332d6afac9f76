package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentstream.adapters.websocket.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With a tiny dispatch queue and publishers racing each other, ingest answers 503 with
 * {@code Retry-After} instead of buffering, and among the accepted events none is lost or duplicated.
 */
class DispatchSaturationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PUBLISHERS = 8;
    private static final int POSTS_EACH = 100;

    @RegisterExtension
    final RunningServer server = new RunningServer(Map.of("broadcast_capacity", "1"));

    private final HttpClient http = new HttpClient();
    private final WebSocketClient ws = new WebSocketClient();

    @RegisterExtension
    final ClientsPerTest clients = new ClientsPerTest(http, ws);

    DispatchSaturationTest() {
        http.setMaxConnectionsPerDestination(PUBLISHERS);
    }

    @Test
    void fullDispatchQueue_answers503WithRetryAfter_andEveryAcceptedEventArrivesExactlyOnceInOrder() throws Exception {
        try (TestClient subscriber =
                SubscribedClient.connect(ws, server.ws(), "{\"type\":\"subscribe\",\"subscription_id\":\"all\"}")) {

            ConcurrentLinkedQueue<Long> accepted = new ConcurrentLinkedQueue<>();
            AtomicInteger refused = new AtomicInteger();
            for (int round = 0; round < 5 && refused.get() == 0; round++) {
                publishConcurrently(accepted, refused);
            }
            assertThat(refused.get()).as("503s seen").isPositive();

            List<Long> expected = new ArrayList<>(accepted);
            expected.sort(Long::compare);
            List<Long> received = new ArrayList<>();
            while (received.size() < expected.size()) {
                received.add(subscriber.next("event").path("seq").asLong());
            }
            assertThat(received)
                    .as("in seq order, no duplicates, nothing missing")
                    .isEqualTo(expected);
        }
    }

    private void publishConcurrently(ConcurrentLinkedQueue<Long> accepted, AtomicInteger refused) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < POSTS_EACH; i++) {
                        ContentResponse response = http.POST(server.http() + "/api/v1/events")
                                .body(new StringRequestContent(
                                        "application/json",
                                        "{\"event_type\":\"system_event\",\"category\":\"load\",\"message\":\"m\"}"))
                                .send();
                        if (response.getStatus() == 202) {
                            JsonNode body = JSON.readTree(response.getContentAsString());
                            accepted.add(body.path("seqs").get(0).asLong());
                        } else {
                            assertThat(response.getStatus()).isEqualTo(503);
                            assertThat(response.getHeaders().get("Retry-After")).isNotBlank();
                            assertThat(JSON.readTree(response.getContentAsString())
                                            .path("error")
                                            .path("code")
                                            .asText())
                                    .isEqualTo("OVERLOADED");
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
