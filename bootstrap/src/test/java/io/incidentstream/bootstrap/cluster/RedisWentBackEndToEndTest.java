package io.incidentstream.bootstrap.cluster;

import static io.incidentstream.bootstrap.cluster.EventBodies.system;
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
 * Redis comes back from a crash with older data than the nodes have delivered (its last snapshot
 * was taken after seq 3; seqs 4 and 5 were delivered, then lost). Seqs 4 and 5 of the same epoch
 * must not be handed out again for other events, which clients de-duplicating by epoch and seq
 * would drop: every node tells its sessions the stream was reset, and the stream continues in a
 * new epoch, where resuming gives a snapshot and the next publish is delivered.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisWentBackEndToEndTest {

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes(2);

    @Test
    void redisBackWithOlderData_everyNodeResetsItsSessions_andTheStreamGoesOnInANewEpoch() throws Exception {
        String oldEpoch;
        try (TestClient onNode0 = cluster.connect(0);
                TestClient onNode1 = cluster.connect(1)) {
            oldEpoch = SubscriptionToAll.start(onNode0);
            assertThat(SubscriptionToAll.start(onNode1)).isEqualTo(oldEpoch);
            for (int seq = 1; seq <= 5; seq++) {
                cluster.publish(seq % 2, "/api/v1/events", system("event " + seq));
                assertThat(onNode0.next("event").path("seq").asLong()).isEqualTo(seq);
                assertThat(onNode1.next("event").path("seq").asLong()).isEqualTo(seq);
                if (seq == 3) {
                    cluster.redis().call(commands -> commands.save());
                }
            }

            long crashedAt = System.nanoTime();
            cluster.redis().crashAndRestart();

            for (TestClient client : new TestClient[] {onNode0, onNode1}) {
                assertStreamReset(client.next("closing"));
                assertThat(client.awaitClose()).isEqualTo(1012);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - crashedAt)).isLessThan(Duration.ofSeconds(10));
        }

        try (TestClient resumed = cluster.connect(1)) {
            String newEpoch = resumed.next("welcome").path("epoch").asText();
            assertThat(newEpoch).isNotEqualTo(oldEpoch);
            JsonNode subscribed = SubscriptionToAll.resumeWithSnapshot(resumed, 5, oldEpoch);
            assertThat(subscribed.path("recovered").asBoolean()).isFalse();
            assertThat(resumed.next("snapshot").path("last").asBoolean()).isTrue();

            cluster.publish(0, "/api/v1/events", system("after"));
            JsonNode event = resumed.next("event");
            assertThat(event.path("seq").asLong())
                    .as("the new epoch goes on from what Redis kept")
                    .isEqualTo(4);
            assertThat(event.path("event").path("message").asText()).isEqualTo("after");
        }
    }
}
