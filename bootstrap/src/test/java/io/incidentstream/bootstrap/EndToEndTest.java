package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentstream.adapters.websocket.testing.TestClient;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The assembled server (Dagger component, real Jetty on a free port): publish over HTTP, receive
 * over WebSocket, read the counts in {@code /metrics} and {@code /api/v1/stats}.
 */
class EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String P3_ID = "33333333-3333-4333-8333-333333333333";

    @RegisterExtension
    final RunningServer server = new RunningServer();

    private final HttpClient http = new HttpClient();
    private final WebSocketClient ws = new WebSocketClient();

    @RegisterExtension
    final ClientsPerTest clients = new ClientsPerTest(http, ws);

    @Test
    void urgentSubscriber_getsP1AndTheP3sEscalation_butNotTheP3_noSystemEvents_noUnknownIncidents() throws Exception {
        try (TestClient client = SubscribedClient.connect(
                ws,
                server.ws(),
                "{\"type\":\"subscribe\","
                        + "\"subscription_id\":\"urgent\",\"filters\":{\"severities\":[\"P0\",\"P1\"]}}")) {

            post("/api/v1/incidents", "{\"severity\":\"P1\",\"source\":\"prometheus\",\"title\":\"checkout down\"}");
            post(
                    "/api/v1/incidents",
                    "{\"id\":\"" + P3_ID + "\",\"severity\":\"P3\",\"source\":\"prometheus\","
                            + "\"title\":\"disk filling\"}");
            post(
                    "/api/v1/events",
                    "[{\"event_type\":\"system_event\",\"category\":\"deploy\",\"message\":\"v2\"},"
                            + "{\"event_type\":\"comment_added\",\"incident_id\":\"99999999-9999-4999-8999-999999999999\","
                            + "\"author\":\"ann\",\"comment\":\"unknown incident\"},"
                            + "{\"event_type\":\"escalated\",\"incident_id\":\"" + P3_ID
                            + "\",\"from_severity\":\"P3\","
                            + "\"to_severity\":\"P0\",\"reason\":\"customers affected\"}]");

            JsonNode first = client.next("event");
            assertThat(first.path("event").path("incident").path("title").asText())
                    .isEqualTo("checkout down");
            JsonNode second = client.next("event");
            assertThat(second.path("event").path("event_type").asText()).isEqualTo("escalated");
            assertThat(second.path("event").path("incident_id").asText()).isEqualTo(P3_ID);
            assertThat(second.path("seq").asLong()).isEqualTo(5);

            // The dispatcher counts an event once it has been routed to every session, which may be
            // just after this client read it: wait (bounded) for the count to reach it.
            JsonNode stats = JSON.readTree(get("/api/v1/stats").getContentAsString());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (stats.path("events_broadcast").asLong() < 5 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                stats = JSON.readTree(get("/api/v1/stats").getContentAsString());
            }
            assertThat(stats.path("events_broadcast").asLong()).isEqualTo(5);
            assertThat(stats.path("active_connections").asLong()).isEqualTo(1);
            assertThat(stats.path("active_subscriptions").asLong()).isEqualTo(1);

            // A delivery is counted once its write completes, which may be just after the client read
            // it: wait (bounded) for both deliveries to be counted.
            java.util.regex.Pattern delivered =
                    java.util.regex.Pattern.compile("websocket_events_delivered_total\\{transport=\"ws\"} [2-9]");
            String metrics = get("/metrics").getContentAsString();
            while (!delivered.matcher(metrics).find() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                metrics = get("/metrics").getContentAsString();
            }
            assertThat(metrics)
                    .contains("websocket_active_connections{transport=\"ws\"} 1.0")
                    .contains("websocket_active_connections{transport=\"sse\"} 0.0")
                    .contains("websocket_connections_total{transport=\"ws\"} 1.0")
                    .contains("websocket_events_broadcast_total{event_type=\"escalated\"} 1.0")
                    .contains("websocket_messages_received_total 1.0")
                    .contains("websocket_dispatch_queue_depth")
                    .contains("websocket_history_events 5.0")
                    .contains("websocket_known_incidents 2.0");
            assertThat(metrics)
                    .containsPattern("websocket_events_delivered_total\\{transport=\"ws\"} [2-9]")
                    .containsPattern("websocket_message_latency_seconds_count\\{transport=\"ws\"} [2-9]");
        }
    }

    @Test
    void shutdown_tellsEveryClientToReconnectAtARandomTime_afterWhatWasAccepted_thenClosesWith1001() throws Exception {
        java.util.List<TestClient> subscribers = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            subscribers.add(
                    SubscribedClient.connect(ws, server.ws(), "{\"type\":\"subscribe\",\"subscription_id\":\"all\"}"));
        }
        post("/api/v1/events", "{\"event_type\":\"system_event\",\"category\":\"deploy\",\"message\":\"last\"}");

        server.server().stop();

        java.util.Set<Long> retryAfters = new java.util.HashSet<>();
        for (TestClient client : subscribers) {
            assertThat(client.next().path("type").asText()).isEqualTo("event");
            JsonNode closing = client.next();
            assertThat(closing.path("type").asText()).isEqualTo("closing");
            assertThat(closing.path("code").asInt()).isEqualTo(1001);
            assertThat(closing.path("reconnect").asBoolean()).isTrue();
            assertThat(closing.path("retry_after_ms").asLong()).isBetween(0L, 10_000L);
            retryAfters.add(closing.path("retry_after_ms").asLong());
            assertThat(client.awaitClose()).isEqualTo(1001);
        }
        assertThat(retryAfters).as("spread, not all at once").hasSizeGreaterThan(1);
    }

    private ContentResponse post(String path, String body) throws Exception {
        ContentResponse response = http.POST(server.http() + path)
                .body(new StringRequestContent("application/json", body))
                .send();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(202);
        return response;
    }

    private ContentResponse get(String path) throws Exception {
        return http.GET(server.http() + path);
    }
}
