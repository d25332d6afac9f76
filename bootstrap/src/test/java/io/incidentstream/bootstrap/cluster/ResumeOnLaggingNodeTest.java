package io.incidentstream.bootstrap.cluster;

import static io.incidentstream.bootstrap.cluster.EventBodies.system;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PROTOCOL §8: resume works on any node exactly as on one. A client that read the stream up to seq
 * N on one node and resumes on a node that has not read that far (it stood still, SIGSTOP, while
 * events were published) is recovered there, and gets every later event once: not those up to N
 * again, and no snapshot. The resume reaches the node together with the events it has yet to read,
 * in either order.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ResumeOnLaggingNodeTest {

    private static final int WHILE_PAUSED = 20;

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes(1);

    @Test
    void aClientFromANodeFurtherOn_isRecoveredOnOneBehind_andGetsEveryLaterEventOnce() throws Exception {
        try (ChildNode lagging = cluster.startChild("node-lagging");
                TestClient left = cluster.connect(0);
                TestClient resumed = cluster.connectToPort(lagging.port())) {
            String epoch = SubscriptionToAll.start(left);
            assertThat(resumed.next("welcome").path("epoch").asText()).isEqualTo(epoch);

            long since = readWhileItStandsStill(lagging, left);
            resumed.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\",\"since\":" + since + ",\"epoch\":\""
                    + epoch + "\",\"snapshot\":true}");
            lagging.resume();

            JsonNode subscribed = resumed.next("subscribed");
            assertThat(subscribed.path("recovered").asBoolean())
                    .as("recovered: %s", subscribed)
                    .isTrue();
            assertThat(subscribed.path("replayed").asLong()).isZero();
            assertThat(subscribed.path("seq").asLong()).isEqualTo(since);
            long next = cluster.publish(0, "/api/v1/events", system("after the resume"))
                    .path("seqs")
                    .get(0)
                    .asLong();
            List<String> sent = new ArrayList<>();
            JsonNode message;
            do {
                // Not a heartbeat's pong, which may fall in between.
                message = resumed.nextMatching(m -> !m.path("type").asText().equals("pong"), "a message");
                sent.add(message.path("type").asText() + " "
                        + message.path("seq").asText());
            } while (!message.path("type").asText().equals("event"));
            assertThat(sent)
                    .as("neither a snapshot nor an event up to %d again", since)
                    .containsExactly("event " + next);
            assertThat(next).isEqualTo(since + 1);
        }
    }

    /**
     * The message a client sends right after such a resume is handled after it, although the node
     * may have to ask Redis about the resume first (on Jetty's pool: adapters-websocket's
     * ResumeOffTheSelectorTest holds that question to show it).
     */
    @Test
    void theMessageAfterAResume_isHandledAfterIt() throws Exception {
        try (ChildNode lagging = cluster.startChild("node-lagging");
                TestClient left = cluster.connect(0);
                TestClient resumed = cluster.connectToPort(lagging.port())) {
            String epoch = SubscriptionToAll.start(left);
            resumed.next("welcome");

            long since = readWhileItStandsStill(lagging, left);
            resumed.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\",\"since\":" + since + ",\"epoch\":\""
                    + epoch + "\"}");
            resumed.send("{\"type\":\"unsubscribe\",\"subscription_id\":\"all\"}");
            lagging.resume();

            assertThat(resumed.next("subscribed").path("recovered").asBoolean()).isTrue();
            JsonNode after =
                    resumed.nextMatching(m -> !m.path("type").asText().equals("pong"), "the answer to the unsubscribe");
            assertThat(after.path("type").asText()).as("%s", after).isEqualTo("unsubscribed");
            assertThat(after.path("subscription_id").asText()).isEqualTo("all");
        }
    }

    /** Publishes while {@code lagging} stands still; the seq {@code left} read up to. */
    private long readWhileItStandsStill(ChildNode lagging, TestClient left) throws Exception {
        lagging.pause();
        cluster.publishSystemEvents(WHILE_PAUSED, "while the other node stood still", 1);
        long since = 0;
        for (int i = 0; i < WHILE_PAUSED; i++) {
            since = left.next("event").path("seq").asLong();
        }
        return since;
    }
}
