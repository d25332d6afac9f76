package io.incidentstream.bootstrap.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code GET /sse} on the assembled server, read as raw bytes: the response head, the {@code retry:}
 * opening, every message type as one SSE event with the {@code /ws} JSON as its data, event ids,
 * heartbeat comments, the transport's metrics, and the shutdown.
 */
@Timeout(60)
class SseFramingTest {

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void stream_opensWithItsHeadersAndRetry_thenWelcomeSubscribedSnapshotAndFilteredEvents() throws Exception {
        server = new TestServer(Map.of("sse_retry_ms", "1000"));
        publishIncident("11111111-1111-4111-8111-111111111111", "P1", "before the stream");
        try (SseStream sse = SseStream.open(
                server.port(), "/sse?subscription_id=board&severities=P1,P2&snapshot=true" + "&_=1700000000")) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.header("Content-Type")).isEqualTo("text/event-stream");
            assertThat(sse.header("Cache-Control")).isEqualTo("no-store");
            assertThat(sse.header("X-Accel-Buffering")).isEqualTo("no");

            SseStream.Message opening = sse.next(Duration.ofSeconds(10));
            assertThat(opening.event()).isNull();
            assertThat(opening.retry()).isBetween(1000L, 2000L);

            SseStream.Message welcome = sse.next("welcome");
            JsonNode hello = welcome.json();
            assertThat(hello.path("type").asText()).isEqualTo("welcome");
            assertThat(hello.path("heartbeat_interval_secs").asInt()).isEqualTo(30);
            String epoch = hello.path("epoch").asText();
            assertThat(welcome.id()).isNull();

            JsonNode subscribed = sse.next("subscribed").json();
            assertThat(subscribed.path("subscription_id").asText()).isEqualTo("board");
            assertThat(subscribed.path("filters").path("severities").toString()).isEqualTo("[\"P1\",\"P2\"]");
            assertThat(subscribed.path("recovered").isNull()).isTrue();
            long s = subscribed.path("seq").asLong();

            JsonNode snapshot = sse.next("snapshot").json();
            assertThat(snapshot.path("last").asBoolean()).isTrue();
            assertThat(snapshot.path("seq").asLong()).isEqualTo(s);
            assertThat(snapshot.path("incidents").get(0).path("title").asText()).isEqualTo("before the stream");

            publishIncident("33333333-3333-4333-8333-333333333333", "P3", "not for this stream");
            publishIncident("22222222-2222-4222-8222-222222222222", "P2", "for this stream");
            SseStream.Message event = sse.next("event");
            JsonNode data = event.json();
            assertThat(data.path("type").asText()).isEqualTo("event");
            assertThat(data.path("event").path("incident").path("title").asText())
                    .isEqualTo("for this stream");
            assertThat(data.path("subscription_ids").toString()).isEqualTo("[\"board\"]");
            assertThat(event.id()).isEqualTo(epoch + ":" + data.path("seq").asLong());
            assertThat(data.path("seq").asLong()).isEqualTo(s + 2);
        }
    }

    @Test
    void quietStream_getsAPingCommentEveryHeartbeat_andNoPongMessage() throws Exception {
        server = new TestServer(Map.of("heartbeat_interval_secs", "1"));
        try (SseStream sse = SseStream.open(server.port(), "/sse")) {
            sse.subscribed();
            for (int i = 0; i < 2; i++) {
                SseStream.Message ping = sse.next(Duration.ofSeconds(5));
                assertThat(ping).isEqualTo(new SseStream.Message(null, null, null, null, "ping"));
            }
        }
    }

    @Test
    void sessions_areCountedUnderTheSseTransport() throws Exception {
        server = new TestServer(Map.of());
        try (SseStream sse = SseStream.open(server.port(), "/sse")) {
            sse.subscribed();
            server.publishSystem(1, "normal");
            sse.next("event");

            assertThat(server.metric("websocket_active_connections", "transport=\"sse\""))
                    .isEqualTo(1.0);
            assertThat(server.metric("websocket_active_connections", "transport=\"ws\""))
                    .isEqualTo(0.0);
            assertThat(server.metric("websocket_connections_total", "transport=\"sse\""))
                    .isEqualTo(1.0);
            assertThat(server.metric("websocket_events_delivered_total", "transport=\"sse\""))
                    .isEqualTo(1.0);
        }
    }

    @Test
    void shutdown_sendsClosingWithARetryOfItsDelay_thenEndsTheStream() throws Exception {
        server = new TestServer(Map.of("shutdown_reconnect_window_secs", "4"));
        try (SseStream sse = SseStream.open(server.port(), "/sse")) {
            sse.subscribed();

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
            SseStream.Message closing = sse.next("closing");
            JsonNode data = closing.json();
            assertThat(data.path("code").asInt()).isEqualTo(1001);
            assertThat(data.path("reconnect").asBoolean()).isTrue();
            assertThat(closing.retry())
                    .isEqualTo(data.path("retry_after_ms").asLong())
                    .isBetween(0L, 4000L);
            assertThat(sse.endsWithin(Duration.ofSeconds(10))).isTrue();
            stopping.get();
        }
    }

    private void publishIncident(String id, String severity, String title) throws Exception {
        server.publish("{\"event_type\":\"incident_created\",\"incident\":{\"id\":\"" + id + "\",\"severity\":\""
                + severity + "\",\"source\":\"test\",\"title\":\"" + title + "\"}}");
    }
}
