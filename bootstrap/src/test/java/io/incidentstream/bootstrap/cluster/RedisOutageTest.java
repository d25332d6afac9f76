package io.incidentstream.bootstrap.cluster;

import static io.incidentstream.bootstrap.cluster.ClusterNodes.await;
import static io.incidentstream.bootstrap.cluster.EventBodies.system;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis stopped and started again with its data (append-only file): ingest is refused with 503
 * while it is away, nodes say they are not ready and why, sessions stay open, and when Redis is
 * back every node carries on from where it stopped: nothing accepted lost, nothing twice.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisOutageTest {

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes(2).redisKeepingItsData();

    @Test
    void whileRedisIsAway_ingestIs503_notReady_sessionsStay_thenEveryNodeCatchesUpInOrder() throws Exception {
        try (TestClient subscriber = cluster.connect(1)) {
            String epoch = SubscriptionToAll.start(subscriber);
            for (int i = 1; i <= 3; i++) {
                cluster.publish(0, "/api/v1/events", system("before " + i));
                assertThat(subscriber.next("event").path("seq").asLong()).isEqualTo(i);
            }

            cluster.redis().stop();

            HttpResponse<String> refused = cluster.post(0, "/api/v1/events", system("while away"));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(ClusterNodes.errorCode(refused)).isEqualTo("ENGINE_UNAVAILABLE");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            await(() -> status(1, "/health/ready") == 503, Duration.ofSeconds(10), "node 1 reports not ready");
            JsonNode notReady =
                    ClusterNodes.JSON.readTree(cluster.get(1, "/health/ready").body());
            assertThat(notReady.path("reason").asText()).contains("unreachable");
            assertThat(subscriber.isOpen()).isTrue();

            cluster.redis().restart();

            await(
                    () -> status(0, "/api/v1/events", system("after 4")) == 202,
                    Duration.ofSeconds(30),
                    "ingest accepted again");
            cluster.publish(0, "/api/v1/events", system("after 5"));
            // Each node reconnects on its own schedule: node 1 may still answer 503 (having stored
            // nothing, as the contract says) after node 0 accepts; a publisher retries, so does this.
            await(
                    () -> status(1, "/api/v1/events", system("after 6")) == 202,
                    Duration.ofSeconds(30),
                    "node 1 accepts again");
            for (int seq = 4; seq <= 6; seq++) {
                JsonNode event = subscriber.next("event");
                assertThat(event.path("seq").asLong()).isEqualTo(seq);
                assertThat(event.path("event").path("message").asText()).isEqualTo("after " + seq);
            }
            JsonNode extra = subscriber.poll(Duration.ofMillis(500));
            assertThat(extra == null || !"event".equals(extra.path("type").asText()))
                    .as("no event twice, none from while Redis was away: %s", extra)
                    .isTrue();
            await(
                    () -> status(0, "/health/ready") == 200 && status(1, "/health/ready") == 200,
                    Duration.ofSeconds(10),
                    "both nodes ready again");
            try (TestClient later = cluster.connect(0)) {
                assertThat(later.next("welcome").path("epoch").asText())
                        .as("same stream, same epoch")
                        .isEqualTo(epoch);
            }
        }
    }

    private int status(int node, String path) {
        try {
            return cluster.get(node, path).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private int status(int node, String path, String body) {
        try {
            return cluster.post(node, path, body).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
