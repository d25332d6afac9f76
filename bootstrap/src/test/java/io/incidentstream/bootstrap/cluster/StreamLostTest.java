package io.incidentstream.bootstrap.cluster;

import static io.incidentstream.bootstrap.cluster.EventBodies.system;
import static io.incidentstream.bootstrap.cluster.StreamReset.assertResumeStartsTheNewStream;
import static io.incidentstream.bootstrap.cluster.StreamReset.assertStreamReset;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis lost the stream (a flush, or a restart without persistence): every session is told,
 * within 10 s and with nothing published, and closed with 1012; resuming gets recovered false.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StreamLostTest {

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes(2);

    @Test
    void afterAFlush_sessionsGetStreamResetAnd1012_withinTenSeconds_andResumeIsNotRecovered() throws Exception {
        String oldEpoch;
        try (TestClient subscriber = cluster.connect(1)) {
            oldEpoch = SubscriptionToAll.start(subscriber);
            cluster.publish(0, "/api/v1/events", system("one"));
            cluster.publish(0, "/api/v1/events", system("two"));
            subscriber.next("event");
            subscriber.next("event");

            long flushedAt = System.nanoTime();
            cluster.redis().flushAll();

            JsonNode closing = subscriber.next("closing");
            assertThat(Duration.ofNanos(System.nanoTime() - flushedAt)).isLessThan(Duration.ofSeconds(10));
            assertStreamReset(closing);
            assertThat(subscriber.awaitClose()).isEqualTo(1012);
        }

        try (TestClient resumed = StreamReset.connectInTheNewEpoch(cluster, 0, oldEpoch)) {
            assertResumeStartsTheNewStream(cluster, resumed, 2, oldEpoch, 1);
        }
    }
}
