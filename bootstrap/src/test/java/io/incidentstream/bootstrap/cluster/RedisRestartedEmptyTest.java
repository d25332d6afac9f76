package io.incidentstream.bootstrap.cluster;

import static io.incidentstream.bootstrap.cluster.ClusterNodes.await;
import static io.incidentstream.bootstrap.cluster.EventBodies.system;
import static io.incidentstream.bootstrap.cluster.StreamReset.assertResumeStartsTheNewStream;
import static io.incidentstream.bootstrap.cluster.StreamReset.assertStreamReset;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis restarted without its data (no persistence: a new, empty server on the same port). Every
 * node notices and tells its sessions ({@code closing} 1012 {@code stream_reset}), including a node
 * that had not yet delivered events accepted before the loss: those events are gone with Redis, and
 * the client is told so rather than left with a silent hole. Resuming gives {@code recovered: false}.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RedisRestartedEmptyTest {

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes(1);

    @Test
    void everyNodeTellsItsSessions_evenOneThatHadNotDeliveredWhatWasAccepted_andResumeIsNotRecovered()
            throws Exception {
        try (ChildNode lagging = cluster.startChild("node-lagging");
                TestClient onNode0 = cluster.connect(0);
                TestClient onLagging = cluster.connectToPort(lagging.port())) {
            String oldEpoch = SubscriptionToAll.start(onNode0);
            assertThat(SubscriptionToAll.start(onLagging)).isEqualTo(oldEpoch);
            cluster.publish(0, "/api/v1/events", system("one"));
            assertThat(onNode0.next("event").path("seq").asLong()).isEqualTo(1);
            assertThat(onLagging.next("event").path("seq").asLong()).isEqualTo(1);

            // Accepted (202) while the other node stands still: it has not delivered these.
            lagging.pause();
            cluster.publish(0, "/api/v1/events", system("two"));
            cluster.publish(0, "/api/v1/events", system("three"));
            assertThat(onNode0.next("event").path("seq").asLong()).isEqualTo(2);
            assertThat(onNode0.next("event").path("seq").asLong()).isEqualTo(3);

            long restartedAt = System.nanoTime();
            cluster.redis().restart();

            JsonNode closing = onNode0.next("closing");
            assertThat(Duration.ofNanos(System.nanoTime() - restartedAt)).isLessThan(Duration.ofSeconds(10));
            assertStreamReset(closing);
            assertThat(onNode0.awaitClose()).isEqualTo(1012);

            lagging.resume();
            // Whatever it delivers of the old stream comes in order; then it is told, within 10 s.
            StreamReset.Told told = StreamReset.eventsInOrderThenClosing(onLagging, 1);
            assertStreamReset(told.closing());
            assertThat(onLagging.awaitClose()).isEqualTo(1012);
            assertThat(lagging.log()).containsPattern("node-lagging .*stream reset: the stream was lost");

            await(
                    () -> ready(cluster.node(0).port()) && ready(lagging.port()),
                    Duration.ofSeconds(30),
                    "both nodes ready on the new Redis");
            try (TestClient resumed = cluster.connectToPort(lagging.port())) {
                String newEpoch = resumed.next("welcome").path("epoch").asText();
                assertThat(newEpoch).isNotEqualTo(oldEpoch);
                JsonNode subscribed = assertResumeStartsTheNewStream(cluster, resumed, told.lastSeq(), oldEpoch, 0);
                assertThat(subscribed.path("seq").asLong())
                        .as("subscribed at the new stream's start")
                        .isZero();
            }
        }
    }

    private static boolean ready(int port) {
        try {
            return HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                                            .timeout(Duration.ofSeconds(5))
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
