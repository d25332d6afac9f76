package io.incidentstream.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.adapters.redis.testing.RedisForClass;
import io.incidentstream.application.engine.StreamEngineContract;
import io.incidentstream.application.port.out.EngineMetrics;
import io.incidentstream.application.port.out.StreamEngine;
import io.incidentstream.application.port.out.StreamEngine.Feed;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine contract against a real redis-server; each test gets a key prefix of its own. */
class RedisStreamEngineTest extends StreamEngineContract {

    @RegisterExtension
    static final RedisForClass redis = new RedisForClass();

    private final List<RedisStreamEngine> engines = new ArrayList<>();

    @AfterEach
    void closeEngines() {
        engines.forEach(RedisStreamEngine::close);
    }

    @Override
    protected StreamEngine newEngine(int capacity, int maxIncidents) {
        RedisStreamEngine engine = new RedisStreamEngine(
                new RedisEngineSettings(
                        redis.url(),
                        "test-" + UUID.randomUUID(),
                        capacity,
                        Duration.ofHours(1),
                        maxIncidents,
                        Duration.ofDays(1),
                        Duration.ofSeconds(5)),
                EngineMetrics.NONE,
                Clock.fixed(AT, ZoneOffset.UTC));
        engines.add(engine);
        return engine;
    }

    /**
     * The {@code read} round trip is Redis's latency, not the wait for the next publish: a read
     * that finds nothing and then blocks records only its first, non-blocking, round trip.
     */
    @Test
    void readRoundTrip_excludesTheBlockingWait() {
        List<Long> reads = Collections.synchronizedList(new ArrayList<>());
        EngineMetrics recording = new EngineMetrics() {
            @Override
            public void roundTrip(String command, long nanos) {
                if (command.equals("read")) {
                    reads.add(nanos);
                }
            }

            @Override
            public void error(String command) {}

            @Override
            public void reconnecting() {}

            @Override
            public void lag(long events, double seconds) {}
        };
        RedisStreamEngine engine = new RedisStreamEngine(
                new RedisEngineSettings(
                        redis.url(),
                        "test-" + UUID.randomUUID(),
                        100,
                        Duration.ofHours(1),
                        100,
                        Duration.ofDays(1),
                        Duration.ofSeconds(5)),
                recording,
                Clock.fixed(AT, ZoneOffset.UTC));
        engines.add(engine);
        engine.open();

        Duration wait = Duration.ofSeconds(3);
        long start = System.nanoTime();
        Feed idle = engine.read(0, 10, wait);
        long took = System.nanoTime() - start;
        assertThat(idle.events()).isEmpty();
        assertThat(Duration.ofNanos(took)).as("it did wait").isGreaterThanOrEqualTo(wait.minusMillis(100));
        assertThat(reads).as("one round trip recorded: the non-blocking read").hasSize(1);
        assertThat(Duration.ofNanos(reads.get(0))).as("not the wait").isLessThan(wait.dividedBy(2));

        engine.append(List.of(system("one")));
        reads.clear();
        assertThat(engine.read(0, 10, wait).events()).hasSize(1);
        assertThat(reads)
                .as("a read that finds events at once: one round trip, no blocking read")
                .hasSize(1);
    }
}
