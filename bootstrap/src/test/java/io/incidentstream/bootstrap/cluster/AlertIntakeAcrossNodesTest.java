package io.incidentstream.bootstrap.cluster;

import static io.incidentstream.bootstrap.cluster.ClusterNodes.JSON;
import static io.incidentstream.bootstrap.cluster.ClusterNodes.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The alert intake of a cluster: two nodes (engine=redis, one redis-server started by the test)
 * share the alert episodes. Alertmanager HA replicas post every notification to more than one
 * node at once; between them they open one incident and resolve it once, whichever node sees
 * which notification, across a node restart, and with Redis away for a while.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AlertIntakeAcrossNodesTest {

    static final String WEBHOOK = "/api/v1/integrations/alertmanager";
    private static final int ROUNDS = 25;

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes(2).redisKeepingItsData();

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() throws Exception {
        pool.shutdownNow();
    }

    @Test
    void theSameNotificationPostedToBothNodesAtOnce_opensOneIncident_andResolvesItOnce_everyTime() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String fingerprint = String.format("race%012d", round);

            List<JsonNode> firing = bothAtOnce(notification("firing", fingerprint));
            assertThat(sum(firing, "incidents_opened"))
                    .as("round %d: opened", round)
                    .isEqualTo(1);
            assertThat(sum(firing, "deduplicated"))
                    .as("round %d: deduplicated", round)
                    .isEqualTo(1);

            List<JsonNode> resolved = bothAtOnce(notification("resolved", fingerprint));
            assertThat(sum(resolved, "incidents_resolved"))
                    .as("round %d: resolved", round)
                    .isEqualTo(1);
        }
        for (int node = 0; node < 2; node++) {
            JsonNode incidents = incidents(node);
            assertThat(incidents).as("node %d", node).hasSize(ROUNDS);
            for (JsonNode incident : incidents) {
                assertThat(incident.path("state").asText()).isEqualTo("Resolved");
            }
        }
    }

    @Test
    void firingOnOneNode_resolvedOnTheOther_resolvesTheIncident() throws Exception {
        JsonNode opened = accepted(0, notification("firing", "aa00000000000001"));
        assertThat(opened.path("incidents_opened").asInt()).isEqualTo(1);

        JsonNode resolved = accepted(1, notification("resolved", "aa00000000000001"));

        assertThat(resolved.path("incidents_resolved").asInt()).isEqualTo(1);
        JsonNode incident = incidents(1).get(0);
        assertThat(incident.path("state").asText()).isEqualTo("Resolved");
        assertThat(incident.path("resolution").path("resolved_by").asText()).isEqualTo("alertmanager");
        assertThat(accepted(0, notification("resolved", "aa00000000000001"))
                        .path("incidents_resolved")
                        .asInt())
                .as("a repeated resolve, on the first node")
                .isZero();
    }

    @Test
    void everyNodeRestarted_theEpisodeIsKept_soTheRepeatOpensNothing_andTheResolveResolvesIt() throws Exception {
        accepted(0, notification("firing", "bb00000000000002"));
        cluster.stop(0);
        cluster.stop(1);

        cluster.start();

        JsonNode repeat = accepted(2, notification("firing", "bb00000000000002"));
        assertThat(repeat.path("incidents_opened").asInt()).isZero();
        assertThat(repeat.path("deduplicated").asInt()).isEqualTo(1);
        assertThat(accepted(2, notification("resolved", "bb00000000000002"))
                        .path("incidents_resolved")
                        .asInt())
                .isEqualTo(1);
        assertThat(incidents(2)).hasSize(1);
    }

    @Test
    void redisAway_theWebhookAnswers503_publishingNothing_andRedisBack_theRetryOpensOneIncident() throws Exception {
        cluster.redis().stop();

        HttpResponse<String> refused = cluster.post(0, WEBHOOK, notification("firing", "cc00000000000003"));

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(refused.body()).path("error").path("code").asText())
                .isEqualTo("ENGINE_UNAVAILABLE");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();

        cluster.redis().restart();
        await(
                () -> status(1, notification("firing", "cc00000000000003")) == 200,
                Duration.ofSeconds(60),
                "the retry accepted once Redis is back");
        // Node 0's own connection to Redis comes back on its own schedule: until then it answers 503 too.
        JsonNode repeat = awaitAccepted(0, notification("firing", "cc00000000000003"));
        assertThat(repeat.path("incidents_opened").asInt()).isZero();
        await(() -> incidentsOrEmpty(0).size() == 1, Duration.ofSeconds(10), "node 0 knows the incident");
        assertThat(incidents(1)).hasSize(1);
    }

    /** Posts {@code body} to both nodes at the same moment; both must answer 200. */
    private List<JsonNode> bothAtOnce(String body) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> posts = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            int target = node;
            posts.add(pool.submit(() -> {
                go.await();
                return cluster.post(target, WEBHOOK, body);
            }));
        }
        go.countDown();
        List<JsonNode> answers = new ArrayList<>();
        for (Future<HttpResponse<String>> post : posts) {
            HttpResponse<String> response = post.get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            answers.add(JSON.readTree(response.body()));
        }
        return answers;
    }

    private JsonNode accepted(int node, String body) throws Exception {
        HttpResponse<String> response = cluster.post(node, WEBHOOK, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode awaitAccepted(int node, String body) throws Exception {
        JsonNode[] answer = new JsonNode[1];
        await(
                () -> {
                    try {
                        HttpResponse<String> response = cluster.post(node, WEBHOOK, body);
                        if (response.statusCode() == 200) {
                            answer[0] = JSON.readTree(response.body());
                            return true;
                        }
                        assertThat(JSON.readTree(response.body())
                                        .path("error")
                                        .path("code")
                                        .asText())
                                .isEqualTo("ENGINE_UNAVAILABLE");
                        return false;
                    } catch (java.io.IOException e) {
                        return false;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                },
                Duration.ofSeconds(60),
                "node " + node + " accepts again");
        return answer[0];
    }

    private int status(int node, String body) {
        try {
            return cluster.post(node, WEBHOOK, body).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private JsonNode incidents(int node) throws Exception {
        HttpResponse<String> response = cluster.get(node, "/api/v1/incidents?source=alertmanager");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        return body.isArray() ? body : body.path("incidents");
    }

    private JsonNode incidentsOrEmpty(int node) {
        try {
            return incidents(node);
        } catch (Exception e) {
            return JSON.createArrayNode();
        }
    }

    private static int sum(List<JsonNode> answers, String field) {
        return answers.stream().mapToInt(answer -> answer.path(field).asInt()).sum();
    }

    /** A version 4 notification of one alert, as Alertmanager posts it. */
    static String notification(String status, String fingerprint) {
        String endsAt = status.equals("resolved") ? "2026-12-04T14:10:00Z" : "0001-01-01T00:00:00Z";
        return "{\"version\":\"4\",\"status\":\"" + status + "\",\"receiver\":\"incident-stream\","
                + "\"groupKey\":\"{}:{alertname=\\\"Down\\\"}\",\"groupLabels\":{\"alertname\":\"Down\"},"
                + "\"commonLabels\":{},\"commonAnnotations\":{},\"externalURL\":\"http://am.example.org\","
                + "\"alerts\":[{\"status\":\"" + status + "\",\"labels\":{\"alertname\":\"Down\","
                + "\"severity\":\"critical\",\"service\":\"svc-" + fingerprint + "\"},"
                + "\"annotations\":{\"summary\":\"svc-" + fingerprint + " is down\"},"
                + "\"startsAt\":\"2026-12-04T14:00:00Z\",\"endsAt\":\"" + endsAt + "\","
                + "\"generatorURL\":\"\",\"fingerprint\":\"" + fingerprint + "\"}]}";
    }
}
