package io.incidentstream.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.redis.testing.RedisServer;
import io.incidentstream.adapters.websocket.testing.TestClient;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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

    private RedisServer redis;
    private ClusterNodes cluster;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.start();
        cluster = new ClusterNodes(redis.url(), Map.of("history_capacity", "5"));
        cluster.start();
        cluster.start();
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
        redis.close();
    }

    @Test
    void aNodePausedWhileTheStreamMovedOnPastItsHistory_closesItsSessionsWith1012_andSaysWhyInItsLog()
            throws Exception {
        try (ChildNode paused = ChildNode.start(redis.url(), cluster.prefix(), "node-paused");
             TestClient subscriber = cluster.connectToPort(paused.port())) {
            String epoch = subscriber.next("welcome").path("epoch").asText();
            subscriber.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\"}");
            subscriber.next("subscribed");
            cluster.publish(0, "/api/v1/events", RedisOutageTest.system("before the pause"));
            assertThat(subscriber.next("event").path("seq").asLong()).isEqualTo(1);

            paused.pause();
            publishBatches(WHILE_PAUSED);
            paused.resume();

            // Whatever it still had in hand (a read answered before it stopped) arrives in order, then it
            // says that it cannot go on: never a jump over what the stream no longer holds.
            long last = 1;
            JsonNode message;
            do {
                message = subscriber.nextMatching(m -> m.path("type").asText().matches("event|closing"),
                        "event or closing");
                if ("event".equals(message.path("type").asText())) {
                    assertThat(message.path("seq").asLong()).as("in order, no hole").isEqualTo(last + 1);
                    last = message.path("seq").asLong();
                }
            } while (!"closing".equals(message.path("type").asText()));
            assertThat(last).as("the node cannot have delivered what Redis trimmed before it read it")
                    .isLessThan(WHILE_PAUSED + 1);
            assertThat(message.path("reason").asText()).isEqualTo("stream_reset");
            assertThat(message.path("code").asInt()).isEqualTo(1012);
            assertThat(message.path("reconnect").asBoolean()).isTrue();
            assertThat(subscriber.awaitClose()).isEqualTo(1012);
            assertThat(paused.log()).as("the reason, on a line naming the node")
                    .containsPattern("node-paused .*stream reset: this node fell behind further than the history"
                            + " retains");

            // The stream itself was not lost: same epoch; resuming from where the client stopped is
            // further back than any node retains, so it is told and takes a snapshot.
            try (TestClient resumed = cluster.connectToPort(paused.port())) {
                assertThat(resumed.next("welcome").path("epoch").asText()).isEqualTo(epoch);
                resumed.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\",\"since\":" + last
                        + ",\"epoch\":\"" + epoch + "\",\"snapshot\":true}");
                JsonNode subscribed = resumed.next("subscribed");
                assertThat(subscribed.path("recovered").asBoolean()).isFalse();
                assertThat(subscribed.path("seq").asLong()).isEqualTo(WHILE_PAUSED + 1);
                assertThat(resumed.next("snapshot").path("last").asBoolean()).isTrue();
                cluster.publish(1, "/api/v1/events", RedisOutageTest.system("after"));
                assertThat(resumed.next("event").path("seq").asLong()).isEqualTo(WHILE_PAUSED + 2);
            }
        }
    }

    @Test
    void aClientResumingFromFurtherBackThanTheHistory_getsRecoveredFalseAndASnapshot_onAnotherNode()
            throws Exception {
        String epoch;
        try (TestClient first = cluster.connect(0)) {
            epoch = first.next("welcome").path("epoch").asText();
            first.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\"}");
            first.next("subscribed");
            cluster.publish(0, "/api/v1/incidents", OneStreamAcrossNodesTest.incident("P1", "seen"));
            assertThat(first.next("event").path("seq").asLong()).isEqualTo(1);
        }
        for (int i = 0; i < 10; i++) {
            cluster.publish(i % 2, "/api/v1/events", RedisOutageTest.system("missed " + i));
        }

        try (TestClient tooOld = cluster.connect(1)) {
            tooOld.next("welcome");
            tooOld.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\",\"since\":1,\"epoch\":\"" + epoch
                    + "\",\"snapshot\":true}");
            JsonNode subscribed = tooOld.next("subscribed");
            assertThat(subscribed.path("recovered").asBoolean()).as("seq 2..6 are no longer retained").isFalse();
            assertThat(subscribed.path("seq").asLong()).isEqualTo(11);
            JsonNode snapshot = tooOld.next("snapshot");
            assertThat(snapshot.path("incidents").get(0).path("title").asText()).isEqualTo("seen");
            cluster.publish(0, "/api/v1/events", RedisOutageTest.system("live"));
            JsonNode live = tooOld.next("event");
            assertThat(live.path("seq").asLong()).as("live from S, no replay").isEqualTo(12);
        }

        try (TestClient recent = cluster.connect(1)) {
            recent.next("welcome");
            recent.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\",\"since\":9,\"epoch\":\"" + epoch
                    + "\"}");
            JsonNode subscribed = recent.next("subscribed");
            assertThat(subscribed.path("recovered").asBoolean()).as("10..12 are retained").isTrue();
            for (long seq = 10; seq <= 12; seq++) {
                assertThat(recent.next("event").path("seq").asLong()).isEqualTo(seq);
            }
        }
    }

    private void publishBatches(int count) throws Exception {
        int batch = 400;
        for (int from = 0; from < count; from += batch) {
            StringBuilder body = new StringBuilder("[");
            for (int i = from; i < Math.min(count, from + batch); i++) {
                body.append(i == from ? "" : ",").append(RedisOutageTest.system("while paused " + i));
            }
            cluster.publish(0, "/api/v1/events", body.append(']').toString());
        }
    }
}
