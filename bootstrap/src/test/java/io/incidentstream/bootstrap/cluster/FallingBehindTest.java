package io.incidentstream.bootstrap.cluster;

import static io.incidentstream.bootstrap.cluster.EventBodies.incident;
import static io.incidentstream.bootstrap.cluster.EventBodies.system;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Falling behind the retained history is said, never skipped: a node that stood still (SIGSTOP, as
 * in a long GC pause) while the Redis stream moved past its position closes its sessions with 1012
 * {@code stream_reset}; a client resuming from further back than a node's history gets
 * {@code recovered: false} and a snapshot, on any node.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FallingBehindTest {

    /** Well beyond the Redis stream's 1000 events, even after the paused node's last read (one batch). */
    private static final int WHILE_PAUSED = 2600;

    @RegisterExtension
    final ClusterNodes cluster =
            new ClusterNodes(2).with(Map.of("history_capacity", "5", "broadcast_capacity", "1000"));

    @Test
    void aNodePausedWhileTheStreamMovedOnPastItsHistory_closesItsSessionsWith1012_andSaysWhyInItsLog()
            throws Exception {
        try (ChildNode paused = cluster.startChild("node-paused");
                TestClient subscriber = cluster.connectToPort(paused.port())) {
            String epoch = SubscriptionToAll.start(subscriber);
            cluster.publish(0, "/api/v1/events", system("before the pause"));
            assertThat(subscriber.next("event").path("seq").asLong()).isEqualTo(1);

            paused.pause();
            cluster.publishSystemEvents(WHILE_PAUSED, "while paused", 1);
            paused.resume();

            // Whatever it still had in hand (a read answered before it stopped) arrives in order, then it
            // says that it cannot go on: never a jump over what the stream no longer holds.
            StreamReset.Told told = StreamReset.eventsInOrderThenClosing(subscriber, 1);
            long last = told.lastSeq();
            JsonNode message = told.closing();
            assertThat(last)
                    .as("the node cannot have delivered what Redis trimmed before it read it")
                    .isLessThan(WHILE_PAUSED + 1);
            assertThat(message.path("reason").asText()).isEqualTo("stream_reset");
            assertThat(message.path("code").asInt()).isEqualTo(1012);
            assertThat(message.path("reconnect").asBoolean()).isTrue();
            assertThat(subscriber.awaitClose()).isEqualTo(1012);
            assertThat(paused.log())
                    .as("the reason, on a line naming the node")
                    .containsPattern(
                            "node-paused .*stream reset: this node fell behind further than the history" + " retains");

            // The stream itself was not lost: same epoch; resuming from where the client stopped is
            // further back than any node retains, so it is told and takes a snapshot.
            try (TestClient resumed = cluster.connectToPort(paused.port())) {
                assertThat(resumed.next("welcome").path("epoch").asText()).isEqualTo(epoch);
                JsonNode subscribed = SubscriptionToAll.resumeWithSnapshot(resumed, last, epoch);
                assertThat(subscribed.path("recovered").asBoolean()).isFalse();
                assertThat(subscribed.path("seq").asLong()).isEqualTo(WHILE_PAUSED + 1);
                assertThat(resumed.next("snapshot").path("last").asBoolean()).isTrue();
                cluster.publish(1, "/api/v1/events", system("after"));
                assertThat(resumed.next("event").path("seq").asLong()).isEqualTo(WHILE_PAUSED + 2);
            }
        }
    }

    @Test
    void aClientResumingFromFurtherBackThanTheHistory_getsRecoveredFalseAndASnapshot_onAnotherNode() throws Exception {
        String epoch;
        try (TestClient first = cluster.connect(0)) {
            epoch = SubscriptionToAll.start(first);
            cluster.publish(0, "/api/v1/incidents", incident("P1", "seen"));
            assertThat(first.next("event").path("seq").asLong()).isEqualTo(1);
        }
        for (int i = 0; i < 10; i++) {
            cluster.publish(i % 2, "/api/v1/events", system("missed " + i));
        }

        try (TestClient tooOld = cluster.connect(1)) {
            tooOld.next("welcome");
            JsonNode subscribed = SubscriptionToAll.resumeWithSnapshot(tooOld, 1, epoch);
            assertThat(subscribed.path("recovered").asBoolean())
                    .as("seq 2..6 are no longer retained")
                    .isFalse();
            assertThat(subscribed.path("seq").asLong()).isEqualTo(11);
            JsonNode snapshot = tooOld.next("snapshot");
            assertThat(snapshot.path("incidents").get(0).path("title").asText()).isEqualTo("seen");
            cluster.publish(0, "/api/v1/events", system("live"));
            JsonNode live = tooOld.next("event");
            assertThat(live.path("seq").asLong()).as("live from S, no replay").isEqualTo(12);
        }

        try (TestClient recent = cluster.connect(1)) {
            recent.next("welcome");
            JsonNode subscribed = SubscriptionToAll.resume(recent, 9, epoch);
            assertThat(subscribed.path("recovered").asBoolean())
                    .as("10..12 are retained")
                    .isTrue();
            for (long seq = 10; seq <= 12; seq++) {
                assertThat(recent.next("event").path("seq").asLong()).isEqualTo(seq);
            }
        }
    }
}
