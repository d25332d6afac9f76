package io.incidentstream.bootstrap.cluster;

import static io.incidentstream.bootstrap.cluster.ClusterNodes.await;
import static io.incidentstream.bootstrap.cluster.EventBodies.incident;
import static io.incidentstream.bootstrap.cluster.EventBodies.system;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis that stalls with its connections open (SIGSTOP: swapping, a network that holds the
 * packets) rather than going away: a publish that times out, and whose asking again times out too,
 * is answered 503 saying it may have been published (the node cannot tell a stalled Redis from a
 * reply held on the way), and it is not published when Redis comes back and runs the command that
 * waited in its socket (it was, and a publisher's retry made the incident twice). The node is not
 * ready from that first refusal on, not only once its blocking read gives up ten seconds later.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisStallTest {

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes(1).with(Map.of("redis_timeout_ms", "1000"));

    @Test
    void aPublishRefusedWhileRedisStalled_isNeverPublished_andTheNodeIsNotReadyMeanwhile() throws Exception {
        try (TestClient subscriber = cluster.connect(0)) {
            SubscriptionToAll.start(subscriber);
            cluster.publish(0, "/api/v1/events", system("before"));
            assertThat(subscriber.next("event").path("seq").asLong()).isEqualTo(1);

            cluster.redis().pause();
            HttpResponse<String> refused;
            try {
                refused = cluster.post(0, "/api/v1/incidents", incident("P2", "refused while stalled"));
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(status("/health/ready"))
                        .as("not ready as soon as a publish is refused")
                        .isEqualTo(503);
            } finally {
                cluster.redis().resume();
            }
            assertThat(ClusterNodes.errorCode(refused)).isEqualTo("ENGINE_UNAVAILABLE");
            assertThat(ClusterNodes.JSON
                            .readTree(refused.body())
                            .path("error")
                            .path("details")
                            .path("may_have_been_published")
                            .asBoolean())
                    .as(refused.body())
                    .isTrue();

            await(() -> post(system("after")) == 202, Duration.ofSeconds(30), "ingest accepted again once Redis runs");
            JsonNode next = subscriber.next("event");
            assertThat(next.path("event").path("message").asText())
                    .as("the refused incident never arrives: %s", next)
                    .isEqualTo("after");
            assertThat(next.path("seq").asLong())
                    .as("no seq taken by the refused publish")
                    .isEqualTo(2);
            JsonNode incidents = ClusterNodes.JSON.readTree(
                    cluster.get(0, "/api/v1/incidents?source=prom").body());
            assertThat(incidents.path("count").asInt()).isZero();
            await(() -> status("/health/ready") == 200, Duration.ofSeconds(30), "ready again");
        }
    }

    private int status(String path) {
        try {
            return cluster.get(0, path).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private int post(String body) {
        try {
            return cluster.post(0, "/api/v1/events", body).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
