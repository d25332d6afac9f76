package io.incidentstream.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A batch as large as the dispatch queue takes reaches every node whole, however small the
 * history: the Redis stream holds at least one such batch. (It held max(1000, history_capacity)
 * events, so a batch of more than 1000 was trimmed before any node had read its first events, and
 * every node closed its sessions with 1012 {@code stream_reset} instead of delivering it.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BatchLargerThanHistoryTest {

    /** More than the stream's least length (1000) and far more than the history. */
    private static final int BATCH = 1500;

    // Room in each session's queue for the whole batch, so that this is about the stream, not a slow reader.
    @RegisterExtension
    final ClusterNodes cluster =
            new ClusterNodes(2).with(Map.of("history_capacity", "5", "max_pending_messages", "5000"));

    @Test
    void aBatchOfMoreThanTheStreamsLeastLength_isDeliveredOnEveryNode_inOrder() throws Exception {
        try (TestClient onPublisher = cluster.connect(0);
                TestClient onOther = cluster.connect(1)) {
            SubscriptionToAll.start(onPublisher);
            SubscriptionToAll.start(onOther);
            StringBuilder batch = new StringBuilder("[");
            for (int i = 0; i < BATCH; i++) {
                batch.append(i == 0 ? "" : ",").append(EventBodies.system("batched " + i));
            }
            JsonNode accepted =
                    cluster.publish(0, "/api/v1/events", batch.append(']').toString());
            long first = accepted.path("seqs").get(0).asLong();

            for (TestClient subscriber : List.of(onPublisher, onOther)) {
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < BATCH; i++) {
                    JsonNode message = subscriber.nextMatching(
                            m -> !m.path("type").asText().equals("pong"), "the next event or closing");
                    assertThat(message.path("type").asText())
                            .as("message %d of the batch: %s", i, message)
                            .isEqualTo("event");
                    seqs.add(message.path("seq").asLong());
                }
                assertThat(seqs.get(0)).isEqualTo(first);
                assertThat(seqs.get(BATCH - 1)).isEqualTo(first + BATCH - 1);
                assertThat(seqs).isSorted().doesNotHaveDuplicates();
            }
        }
    }
}
