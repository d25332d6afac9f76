package io.incidentstream.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.redis.testing.RedisServer;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Redis lost the stream (a flush, or a restart without persistence): every session is told,
 * within 10 s and with nothing published, and closed with 1012; resuming gets recovered false.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StreamLostTest {

    private RedisServer redis;
    private ClusterNodes cluster;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.start(false);
        cluster = new ClusterNodes(redis.url(), Map.of());
        cluster.start();
        cluster.start();
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
        redis.close();
    }

    @Test
    void afterAFlush_sessionsGetStreamResetAnd1012_withinTenSeconds_andResumeIsNotRecovered() throws Exception {
        String oldEpoch;
        try (TestClient subscriber = cluster.connect(1)) {
            oldEpoch = subscriber.next("welcome").path("epoch").asText();
            subscriber.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\"}");
            subscriber.next("subscribed");
            cluster.publish(0, "/api/v1/events", RedisOutageTest.system("one"));
            cluster.publish(0, "/api/v1/events", RedisOutageTest.system("two"));
            subscriber.next("event");
            subscriber.next("event");

            long flushedAt = System.nanoTime();
            flushAll();

            JsonNode closing = subscriber.next("closing");
            assertThat(Duration.ofNanos(System.nanoTime() - flushedAt)).isLessThan(Duration.ofSeconds(10));
            assertThat(closing.path("reason").asText()).isEqualTo("stream_reset");
            assertThat(closing.path("code").asInt()).isEqualTo(1012);
            assertThat(closing.path("reconnect").asBoolean()).isTrue();
            assertThat(closing.path("retry_after_ms").isNumber()).isTrue();
            assertThat(subscriber.awaitClose()).isEqualTo(1012);
        }

        try (TestClient resumed = cluster.connect(0)) {
            JsonNode welcome = resumed.next("welcome");
            assertThat(welcome.path("epoch").asText()).isNotEqualTo(oldEpoch);
            resumed.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\",\"since\":2,\"epoch\":\"" + oldEpoch
                    + "\",\"snapshot\":true}");
            JsonNode subscribed = resumed.next("subscribed");
            assertThat(subscribed.path("recovered").asBoolean()).isFalse();
            assertThat(resumed.next("snapshot").path("last").asBoolean()).isTrue();
            cluster.publish(1, "/api/v1/events", RedisOutageTest.system("new stream"));
            JsonNode event = resumed.next("event");
            assertThat(event.path("seq").asLong()).isEqualTo(1);
            assertThat(event.path("event").path("message").asText()).isEqualTo("new stream");
        }
    }

    private void flushAll() {
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().flushall();
        } finally {
            client.shutdown();
        }
    }
}
