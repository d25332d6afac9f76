package io.incidentstream.bootstrap.cluster;

import static io.incidentstream.bootstrap.cluster.EventBodies.system;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;

/**
 * What a subscriber to all events is told when its node cannot go on with the stream (the stream
 * was lost, or the node fell behind what Redis retains), and what resuming gets once the stream was
 * lost: the checks shared by the tests that cause it in different ways.
 */
final class StreamReset {

    private StreamReset() {}

    /** The last seq a session got before it was told, and the {@code closing} message that told it. */
    record Told(long lastSeq, JsonNode closing) {}

    /**
     * Reads what {@code client} still gets after seq {@code lastSeq}: events in order, never a jump
     * over what the stream no longer holds, up to the {@code closing} message.
     */
    static Told eventsInOrderThenClosing(TestClient client, long lastSeq) throws InterruptedException {
        long last = lastSeq;
        JsonNode message;
        do {
            message = client.nextMatching(m -> m.path("type").asText().matches("event|closing"), "event or closing");
            if ("event".equals(message.path("type").asText())) {
                assertThat(message.path("seq").asLong()).as("in order, no hole").isEqualTo(last + 1);
                last = message.path("seq").asLong();
            }
        } while (!"closing".equals(message.path("type").asText()));
        return new Told(last, message);
    }

    /** {@code closing} says: stream reset, 1012, reconnect, and after how long. */
    static void assertStreamReset(JsonNode closing) {
        assertThat(closing.path("reason").asText()).isEqualTo("stream_reset");
        assertThat(closing.path("code").asInt()).isEqualTo(1012);
        assertThat(closing.path("reconnect").asBoolean()).isTrue();
        assertThat(closing.path("retry_after_ms").isNumber()).isTrue();
    }

    /**
     * A client of node {@code node} once that node too follows the new stream: each node notices the
     * loss on its own, within 10 s, so a client welcomed in {@code oldEpoch} is told ({@code closing}
     * 1012) and connects again, as a real client would. Returns it past a welcome of the new epoch.
     */
    static TestClient connectInTheNewEpoch(ClusterNodes cluster, int node, String oldEpoch) throws Exception {
        while (true) {
            TestClient client = cluster.connect(node);
            if (!oldEpoch.equals(client.next("welcome").path("epoch").asText())) {
                return client;
            }
            try (client) {
                assertStreamReset(client.next("closing"));
            }
        }
    }

    /**
     * After the stream was lost, {@code resumed} (welcomed on the new stream) resumes from {@code since}
     * of {@code oldEpoch}: not recovered, a snapshot instead, and an event published next on node
     * {@code publishOn} comes as seq 1 of the new stream. Returns the {@code subscribed} answer.
     */
    static JsonNode assertResumeStartsTheNewStream(
            ClusterNodes cluster, TestClient resumed, long since, String oldEpoch, int publishOn) throws Exception {
        JsonNode subscribed = SubscriptionToAll.resumeWithSnapshot(resumed, since, oldEpoch);
        assertThat(subscribed.path("recovered").asBoolean()).isFalse();
        assertThat(resumed.next("snapshot").path("last").asBoolean()).isTrue();
        cluster.publish(publishOn, "/api/v1/events", system("new stream"));
        JsonNode event = resumed.next("event");
        assertThat(event.path("seq").asLong()).isEqualTo(1);
        assertThat(event.path("event").path("message").asText()).isEqualTo("new stream");
        return subscribed;
    }
}
