package io.incidentstream.bootstrap.cluster;

import static io.incidentstream.bootstrap.cluster.ClusterNodes.await;
import static io.incidentstream.bootstrap.cluster.EventBodies.system;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.bootstrap.MetricsText;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * However long Redis is away, a node keeps trying to reconnect about once a second, so it accepts
 * publishes again within a few seconds of Redis coming back (Lettuce's default backs off to 30 s
 * between attempts: after a 40 s outage, nodes refused publishes for 25 s more).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisLongOutageTest {

    /**
     * Attempts counted over the node's two stream connections: about twenty seconds at one a second
     * each, over two minutes with Lettuce's default back-off (1 ms doubling to 30 s).
     */
    private static final int ATTEMPTS = 40;

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes(1).redisKeepingItsData();

    @Test
    void afterALongOutage_theNodeAcceptsPublishesWithinSecondsOfRedisComingBack() throws Exception {
        assertThat(cluster.post(0, "/api/v1/events", system("before")).statusCode())
                .isEqualTo(202);
        double before = reconnects();

        cluster.redis().stop();
        await(() -> reconnects() - before >= ATTEMPTS, Duration.ofSeconds(60), ATTEMPTS + " reconnect attempts");
        cluster.redis().restart();
        long back = System.nanoTime();

        await(
                () -> status(cluster, system("after")) == 202,
                Duration.ofSeconds(30),
                "the node accepts publishes again");
        assertThat(Duration.ofNanos(System.nanoTime() - back))
                .as("from Redis answering to the first accepted publish")
                .isLessThan(Duration.ofSeconds(5));
    }

    private double reconnects() {
        try {
            return MetricsText.sum(cluster.get(0, "/metrics").body(), "engine_redis_reconnects_total", "");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int status(ClusterNodes cluster, String body) {
        try {
            return cluster.post(0, "/api/v1/events", body).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
