package io.incidentstream.bootstrap.cluster;

import static io.incidentstream.bootstrap.cluster.ClusterNodes.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.redis.testing.RedisServer;
import io.incidentstream.adapters.websocket.testing.TestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Redis restarted without its data (no persistence: a new, empty server on the same port). Every
 * node notices and tells its sessions ({@code closing} 1012 {@code stream_reset}), including a node
 * that had not yet delivered events accepted before the loss: those events are gone with Redis, and
 * the client is told so rather than left with a silent hole. Resuming gives {@code recovered: false}.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RedisRestartedEmptyTest {

    private RedisServer redis;
    private ClusterNodes cluster;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.start(false);
        cluster = new ClusterNodes(redis.url(), Map.of());
        cluster.start();
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
        redis.close();
    }

    @Test
    void everyNodeTellsItsSessions_evenOneThatHadNotDeliveredWhatWasAccepted_andResumeIsNotRecovered()
            throws Exception {
        try (ChildNode lagging = ChildNode.start(redis.url(), cluster.prefix(), "node-lagging");
             TestClient onNode0 = cluster.connect(0);
             TestClient onLagging = cluster.connectToPort(lagging.port())) {
            String oldEpoch = subscribeAll(onNode0);
            assertThat(subscribeAll(onLagging)).isEqualTo(oldEpoch);
            cluster.publish(0, "/api/v1/events", RedisOutageTest.system("one"));
            assertThat(onNode0.next("event").path("seq").asLong()).isEqualTo(1);
            assertThat(onLagging.next("event").path("seq").asLong()).isEqualTo(1);

            // Accepted (202) while the other node stands still: it has not delivered these.
            lagging.pause();
            cluster.publish(0, "/api/v1/events", RedisOutageTest.system("two"));
            cluster.publish(0, "/api/v1/events", RedisOutageTest.system("three"));
            assertThat(onNode0.next("event").path("seq").asLong()).isEqualTo(2);
            assertThat(onNode0.next("event").path("seq").asLong()).isEqualTo(3);

            long restartedAt = System.nanoTime();
            redis.restart();

            JsonNode closing = onNode0.next("closing");
            assertThat(Duration.ofNanos(System.nanoTime() - restartedAt)).isLessThan(Duration.ofSeconds(10));
            assertStreamReset(closing);
            assertThat(onNode0.awaitClose()).isEqualTo(1012);

            lagging.resume();
            // Whatever it delivers of the old stream comes in order; then it is told, within 10 s.
            long last = 1;
            JsonNode message;
            do {
                message = onLagging.nextMatching(m -> m.path("type").asText().matches("event|closing"),
                        "event or closing");
                if ("event".equals(message.path("type").asText())) {
                    assertThat(message.path("seq").asLong()).isEqualTo(last + 1);
                    last = message.path("seq").asLong();
                }
            } while (!"closing".equals(message.path("type").asText()));
            assertStreamReset(message);
            assertThat(onLagging.awaitClose()).isEqualTo(1012);
            assertThat(lagging.log()).containsPattern("node-lagging .*stream reset: the stream was lost");

            await(() -> ready(cluster.node(0).port()) && ready(lagging.port()), Duration.ofSeconds(30),
                    "both nodes ready on the new Redis");
            try (TestClient resumed = cluster.connectToPort(lagging.port())) {
                String newEpoch = resumed.next("welcome").path("epoch").asText();
                assertThat(newEpoch).isNotEqualTo(oldEpoch);
                resumed.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\",\"since\":" + last + ",\"epoch\":\""
                        + oldEpoch + "\",\"snapshot\":true}");
                JsonNode subscribed = resumed.next("subscribed");
                assertThat(subscribed.path("recovered").asBoolean()).isFalse();
                assertThat(subscribed.path("seq").asLong()).isZero();
                assertThat(resumed.next("snapshot").path("last").asBoolean()).isTrue();
                cluster.publish(0, "/api/v1/events", RedisOutageTest.system("new stream"));
                JsonNode event = resumed.next("event");
                assertThat(event.path("seq").asLong()).isEqualTo(1);
                assertThat(event.path("event").path("message").asText()).isEqualTo("new stream");
            }
        }
    }

    private static String subscribeAll(TestClient client) throws InterruptedException {
        String epoch = client.next("welcome").path("epoch").asText();
        client.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\"}");
        client.next("subscribed");
        return epoch;
    }

    private static void assertStreamReset(JsonNode closing) {
        assertThat(closing.path("reason").asText()).isEqualTo("stream_reset");
        assertThat(closing.path("code").asInt()).isEqualTo(1012);
        assertThat(closing.path("reconnect").asBoolean()).isTrue();
        assertThat(closing.path("retry_after_ms").isNumber()).isTrue();
    }

    private static boolean ready(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/health/ready")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
