package io.incidentstream.bootstrap.cluster;

import static io.incidentstream.bootstrap.cluster.ClusterNodes.await;
import static io.incidentstream.bootstrap.cluster.EventBodies.system;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster's own metrics, per node, in a real scrape: Redis round trips by command (a
 * histogram), this node's lag behind the stream, Redis errors and reconnects while Redis is away,
 * and the Redis client's threads and memory; every sample carries the node's {@code node_id}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterMetricsTest {

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes(2).redisKeepingItsData();

    @Test
    void roundTripsLagErrorsReconnectsThreadsAndMemory_perNode() throws Exception {
        for (int i = 0; i < 5; i++) {
            cluster.publish(0, "/api/v1/events", system("m" + i));
        }
        await(
                () -> value(scrape(1), "engine_stream_lag_events", "") == 0
                        && value(scrape(1), "engine_redis_round_trip_seconds_count", "command=\"read\"") > 0,
                Duration.ofSeconds(20),
                "node 1 read the stream up to its head");

        String node0 = scrape(0);
        assertThat(value(node0, "engine_redis_round_trip_seconds_count", "command=\"append\""))
                .isEqualTo(5);
        assertThat(node0)
                .as("a histogram: buckets to compute p99 from")
                .containsPattern("engine_redis_round_trip_seconds_bucket\\{command=\"append\",node_id=\"node-0\","
                        + "le=\"[0-9.E-]+\"}");
        String node1 = scrape(1);
        assertThat(value(node1, "engine_redis_round_trip_seconds_count", "command=\"append\""))
                .as("node 1 appended" + " nothing")
                .isEqualTo(-1);
        assertThat(value(node1, "engine_redis_client_threads", "")).isPositive();
        assertThat(value(node1, "engine_redis_client_memory_bytes", "")).isPositive();
        assertThat(value(node1, "engine_stream_lag_seconds", "")).isGreaterThanOrEqualTo(0);
        await(
                () -> value(scrape(1), "engine_redis_round_trip_seconds_count", "command=\"presence\"") > 0,
                Duration.ofSeconds(20),
                "presence ticks timed as round trips of their own");
        for (String line : node1.split("\n")) {
            if (line.startsWith("engine_")) {
                assertThat(line).as("every engine sample names its node").contains("node_id=\"node-1\"");
            }
        }

        cluster.redis().stop();
        assertThat(cluster.post(0, "/api/v1/events", system("refused")).statusCode())
                .isEqualTo(503);
        await(
                () -> value(scrape(0), "engine_redis_errors_total", "command=\"append\"") >= 1
                        && value(scrape(1), "engine_redis_errors_total", "command=\"read\"") >= 1
                        && value(scrape(1), "engine_redis_reconnects_total", "") >= 1
                        && value(scrape(1), "engine_redis_errors_total", "command=\"presence\"") >= 1,
                Duration.ofSeconds(30),
                "errors (the stream's and presence's) and reconnect attempts counted on both nodes");
        cluster.redis().restart();
        await(() -> accepted(system("back")), Duration.ofSeconds(30), "ingest accepted again");
    }

    private boolean accepted(String event) {
        try {
            return cluster.post(0, "/api/v1/events", event).statusCode() == 202;
        } catch (Exception e) {
            return false;
        }
    }

    private String scrape(int node) {
        try {
            return cluster.get(node, "/metrics").body();
        } catch (Exception e) {
            throw new AssertionError("scrape of node " + node + " failed", e);
        }
    }

    /** The value of the first sample of {@code name} whose labels contain {@code label}; -1 when none. */
    private static double value(String scrape, String name, String label) {
        Matcher sample = Pattern.compile("(?m)^" + name + "\\{([^}]*)} (\\S+)$").matcher(scrape);
        while (sample.find()) {
            if (sample.group(1).contains(label)) {
                return Double.parseDouble(sample.group(2));
            }
        }
        return -1;
    }
}
