package io.incidentstream.bootstrap.cluster;

import static io.incidentstream.bootstrap.cluster.EventBodies.system;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.adapters.redis.testing.RedisServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node's first Redis connection at start-up: retried for {@code redis_connect_wait_secs}, so a
 * node started beside a Redis that is still starting waits for it; when Redis never answers, the
 * node exits 1 with one line naming {@code redis_url} without its password, and its node id.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StartupWaitTest {

    @Test
    void redisNeverAnswers_theNodeExits1_namingRedisUrlWithoutThePassword() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (ChildNode node = ChildNode.launch(
                "redis://:s3cret-pw@127.0.0.1:" + port + "/2",
                "startup-" + UUID.randomUUID(),
                "node-alone",
                "--redis-connect-wait-secs",
                "2")) {
            assertThat(node.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            String log = node.log();
            assertThat(log)
                    .containsPattern("ERROR node-alone .*cannot start: the stream engine is unreachable:"
                            + " cannot connect to redis_url redis://127\\.0\\.0\\.1:" + port
                            + "/2 \\(\\d+ attempts in 2 s\\)");
            assertThat(log)
                    .containsPattern("WARN +node-alone .*Redis at redis_url redis://127\\.0\\.0\\.1:" + port
                            + "/2 does not answer yet .*retrying for up to 2 s");
            assertThat(log).doesNotContain("s3cret-pw");
        }
    }

    @Test
    void redisStartsWhileTheNodeWaits_theNodeBecomesReady_andServes() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            redis.stop();
            try (ChildNode node = ChildNode.launch(
                    redis.url(), "startup-" + UUID.randomUUID(), "node-early", "--redis-connect-wait-secs", "60")) {
                ClusterNodes.await(
                        () -> logOf(node).contains("does not answer yet"),
                        Duration.ofSeconds(60),
                        "the node says it waits for Redis");
                redis.restart();
                node.awaitReady();
                HttpResponse<String> published = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/api/v1/events"))
                                        .timeout(Duration.ofSeconds(20))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(system("first")))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(published.statusCode()).isEqualTo(202);
                assertThat(published.body()).contains("\"seqs\":[1]");
            }
        }
    }

    private static String logOf(ChildNode node) {
        try {
            return node.log();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
