package io.incidentstream.bootstrap.cluster;

import static io.incidentstream.bootstrap.cluster.EventBodies.comment;
import static io.incidentstream.bootstrap.cluster.EventBodies.escalated;
import static io.incidentstream.bootstrap.cluster.EventBodies.incident;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The incident view is one across the cluster: snapshots, {@code GET /api/v1/incidents} and the
 * before/after attributes filters match on are the same on every node, whichever node admitted the
 * events, and also on a node that starts after the events that made the incidents were trimmed from
 * the Redis stream (the view lives in Redis beside the stream).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ViewAcrossNodesTest {

    /**
     * Events the Redis stream keeps when history_capacity and broadcast_capacity are below it
     * (RedisEngineSettings.MIN_STREAM_LENGTH).
     */
    private static final int STREAM_LENGTH = 1000;

    private static final String DISK = "11111111-1111-4111-8111-111111111111";
    private static final String QUEUE = "22222222-2222-4222-8222-222222222222";
    private static final String CHECKOUT = "33333333-3333-4333-8333-333333333333";

    // Small pages, so that equal snapshots also means equal paging; a small history, so that the
    // Redis stream keeps its least (STREAM_LENGTH) and a few batches trim it. Each test starts its nodes.
    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes(0)
            .with(Map.of("snapshot_page_size", "2", "history_capacity", "5", "broadcast_capacity", "1000"));

    @Test
    void aNodeStartedAfterTheHistoryWasTrimmed_knowsEveryIncident_likeANodeThatSawEverything() throws Exception {
        cluster.start();
        cluster.start();
        long lastIncidentSeq = incidentsAdmittedOnBothNodes();
        cluster.publishSystemEvents(STREAM_LENGTH + 200, "filler", 2);
        assertThat(oldestRetainedSeq())
                .as("the stream no longer holds any event of the incidents")
                .isGreaterThan(lastIncidentSeq);

        cluster.start();

        List<String> lists = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            lists.add(cluster.get(node, "/api/v1/incidents").body());
            for (String id : List.of(DISK, QUEUE, CHECKOUT)) {
                assertThat(cluster.get(node, "/api/v1/incidents/" + id).body())
                        .as("incident %s on node %s", id, node)
                        .isEqualTo(cluster.get(0, "/api/v1/incidents/" + id).body());
            }
        }
        assertThat(ClusterNodes.JSON.readTree(lists.get(0)).toString())
                .contains("disk filling", "queue stuck", "checkout down");
        assertThat(lists.get(2)).as("the late node's list").isEqualTo(lists.get(0));
        assertThat(lists.get(1)).isEqualTo(lists.get(0));

        List<List<JsonNode>> snapshots = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            snapshots.add(snapshot(node));
        }
        assertThat(snapshots.get(0).stream()
                        .flatMap(page -> java.util.stream.StreamSupport.stream(
                                page.path("incidents").spliterator(), false))
                        .map(incident -> incident.path("id").asText()))
                .contains(DISK, QUEUE);
        assertThat(snapshots.get(2)).as("the late node's snapshot").isEqualTo(snapshots.get(0));
        assertThat(snapshots.get(1)).isEqualTo(snapshots.get(0));

        // Attributes: a comment matches a P0 filter only through its incident as it was before. The
        // late node knows DISK is P0 (escalated long before it started) and QUEUE is P2.
        try (TestClient early = urgentSubscriber(0);
                TestClient late = urgentSubscriber(2)) {
            cluster.publish(1, "/api/v1/events", comment(QUEUE, "not urgent"));
            cluster.publish(0, "/api/v1/events", comment(DISK, "on it"));
            cluster.publish(2, "/api/v1/events", comment(CHECKOUT, "resolved one, P0 before"));
            cluster.publish(1, "/api/v1/incidents", "{\"severity\":\"P0\",\"source\":\"prom\",\"title\":\"fence\"}");
            List<JsonNode> earlyEvents = new ArrayList<>();
            List<JsonNode> lateEvents = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                earlyEvents.add(early.next("event"));
                lateEvents.add(late.next("event"));
            }
            assertThat(lateEvents).as("the same events, field for field").isEqualTo(earlyEvents);
            assertThat(lateEvents.get(0).path("event").path("comment").asText()).isEqualTo("on it");
            assertThat(lateEvents
                            .get(0)
                            .path("event")
                            .path("incident")
                            .path("severity")
                            .asText())
                    .isEqualTo("P0");
            assertThat(lateEvents.get(1).path("event").path("comment").asText()).isEqualTo("resolved one, P0 before");
            assertThat(lateEvents
                            .get(2)
                            .path("event")
                            .path("incident")
                            .path("title")
                            .asText())
                    .isEqualTo("fence");
        }
    }

    @Test
    void snapshots_areTheSameOnEveryNode_whicheverNodeAdmittedTheEvents() throws Exception {
        for (int i = 0; i < 3; i++) {
            cluster.start();
        }
        ExecutorService publishers = Executors.newFixedThreadPool(3);
        List<Future<?>> done = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            int publisher = node;
            done.add(publishers.submit(() -> {
                for (int k = 0; k < 4; k++) {
                    String id = "%08d-0000-4000-8000-%012d".formatted(publisher, k);
                    String severity = "P" + (1 + k % 3);
                    cluster.publish(
                            publisher, "/api/v1/incidents", incident(id, severity, "node-" + publisher, "t" + k));
                    // The next node along changes it: admitted elsewhere than where it was created.
                    int other = (publisher + 1) % 3;
                    cluster.publish(
                            other,
                            "/api/v1/events",
                            "{\"event_type\":\"assignment_changed\",\"incident_id\":\"" + id + "\",\"assignees\":[\"p"
                                    + publisher + "\",\"k" + k + "\"]}");
                    cluster.publish(publisher, "/api/v1/events", escalated(id, severity, "P0", "r" + k));
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(120, TimeUnit.SECONDS);
        }
        publishers.shutdown();

        List<List<JsonNode>> snapshots = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            snapshots.add(snapshot(node));
        }
        assertThat(snapshots.get(0)).as("12 incidents in pages of 2").hasSize(6);
        assertThat(snapshots.get(0).get(0).path("seq").asLong()).isEqualTo(36);
        assertThat(snapshots.get(1)).isEqualTo(snapshots.get(0));
        assertThat(snapshots.get(2)).isEqualTo(snapshots.get(0));
        for (JsonNode page : snapshots.get(0)) {
            for (JsonNode incident : page.path("incidents")) {
                assertThat(incident.path("severity").asText()).isEqualTo("P0");
                assertThat(incident.path("assignees")).hasSize(2);
            }
        }
    }

    /** Creates, escalates, acknowledges and resolves incidents, alternating the node; returns the last seq. */
    private long incidentsAdmittedOnBothNodes() throws Exception {
        cluster.publish(0, "/api/v1/incidents", incident(DISK, "P3", "prom", "disk filling"));
        cluster.publish(1, "/api/v1/events", escalated(DISK, "P3", "P0", "customers"));
        cluster.publish(1, "/api/v1/incidents", incident(QUEUE, "P2", "prom", "queue stuck"));
        cluster.publish(
                0,
                "/api/v1/events",
                "{\"event_type\":\"assignment_changed\",\"incident_id\":\"" + QUEUE + "\",\"assignees\":[\"ann\"]}");
        cluster.publish(0, "/api/v1/incidents", incident(CHECKOUT, "P0", "shop", "checkout down"));
        JsonNode resolved = cluster.publish(
                1,
                "/api/v1/events",
                "{\"event_type\":\"incident_resolved\",\"incident\":"
                        + cluster.get(0, "/api/v1/incidents/" + CHECKOUT)
                                .body()
                                .strip()
                                .replace("\"Detected\"", "\"Resolved\"")
                        + "}");
        return lastSeq(resolved);
    }

    private static long lastSeq(JsonNode accepted) {
        JsonNode seqs = accepted.path("seqs");
        if (seqs.isArray() && !seqs.isEmpty()) {
            return seqs.get(seqs.size() - 1).asLong();
        }
        assertThat(accepted.path("seq").isNumber())
                .as("the 202 names the seq: %s", accepted)
                .isTrue();
        return accepted.path("seq").asLong();
    }

    private long oldestRetainedSeq() {
        // The stream's key (RedisKeys): entry ids are "<seq>-0".
        List<StreamMessage<String, String>> first = cluster.redis()
                .call(commands -> commands.xrange(
                        cluster.prefix() + ":stream", Range.create("-", "+"), io.lettuce.core.Limit.from(1)));
        assertThat(first).as("the stream holds events").isNotEmpty();
        String id = first.get(0).getId();
        return Long.parseLong(id.substring(0, id.indexOf('-')));
    }

    /** The snapshot frames a new subscription gets on {@code node}, every page, as the client reads them. */
    private List<JsonNode> snapshot(int node) throws Exception {
        try (TestClient client = cluster.connect(node)) {
            client.next("welcome");
            client.send("{\"type\":\"subscribe\",\"subscription_id\":\"s\",\"snapshot\":true}");
            long seq = client.next("subscribed").path("seq").asLong();
            List<JsonNode> pages = new ArrayList<>();
            JsonNode page;
            do {
                page = client.next("snapshot");
                assertThat(page.path("seq").asLong()).isEqualTo(seq);
                pages.add(page);
            } while (!page.path("last").asBoolean());
            return pages;
        }
    }

    private TestClient urgentSubscriber(int node) throws Exception {
        TestClient client = cluster.connect(node);
        client.next("welcome");
        client.send("{\"type\":\"subscribe\",\"subscription_id\":\"urgent\",\"filters\":{\"severities\":[\"P0\"]}}");
        client.next("subscribed");
        return client;
    }
}
