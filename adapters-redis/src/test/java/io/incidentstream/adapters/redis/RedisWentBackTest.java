package io.incidentstream.adapters.redis;

import static io.incidentstream.adapters.redis.SystemEvents.system;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.adapters.redis.testing.RedisServer;
import io.incidentstream.application.port.out.EngineMetrics;
import io.incidentstream.application.port.out.EngineUnavailableException;
import io.incidentstream.application.port.out.StreamEngine.Appended;
import io.incidentstream.application.port.out.StreamEngine.Feed;
import io.incidentstream.application.port.out.StreamEngine.Logged;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Redis back with older data than a node has read, in the same epoch (a crash with snapshots only,
 * a restored backup): a real redis-server saves after seq 3, takes seqs 4 and 5, is killed and comes
 * back with 1..3. Its seqs 4 and 5 would be handed out again for other events; instead the stream
 * continues in a new epoch, which nodes and clients treat as a lost stream.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisWentBackTest {

    private RedisServer redis;
    private RedisStreamEngine engine;
    private String oldEpoch;

    @BeforeEach
    void wentBack() {
        redis = RedisServer.start();
        engine = new RedisStreamEngine(
                new RedisEngineSettings(
                        redis.url(),
                        "went-back-" + UUID.randomUUID(),
                        1000,
                        Duration.ofHours(1),
                        1000,
                        Duration.ofDays(1),
                        Duration.ofSeconds(5)),
                EngineMetrics.NONE,
                Clock.systemUTC());
        oldEpoch = engine.open().epoch();
        engine.append(List.of(system("1"), system("2"), system("3")));
        assertThat(engine.read(0, 100, Duration.ZERO).events()).hasSize(3);
        redis.call(commands -> commands.save());
        engine.append(List.of(system("4"), system("5")));
        assertThat(engine.read(3, 100, Duration.ZERO).events()).hasSize(2);

        redis.crashAndRestart();
    }

    @AfterEach
    void stop() {
        engine.close();
        redis.close();
    }

    @Test
    void theNextRead_findsANewEpoch_whoseStreamContinuesAfterWhatRedisKept() {
        Feed feed = once(() -> engine.read(5, 100, Duration.ZERO));

        assertThat(feed.epoch()).isNotEqualTo(oldEpoch);
        assertThat(feed.events()).isEmpty();
        assertThat(once(engine::open).epoch()).isEqualTo(feed.epoch());
        assertThat(once(engine::open).seq()).isEqualTo(3);
        assertThat(once(() -> engine.append(List.of(system("after"))))).isEqualTo(new Appended(feed.epoch(), 4));
        assertThat(once(() -> engine.read(0, 100, Duration.ZERO)).events())
                .as("the old epoch's entries are gone")
                .extracting(Logged::seq)
                .containsExactly(4L);
    }

    @Test
    void anAppendBeforeAnyRead_startsTheNewEpochItself() {
        Appended appended = (Appended) once(() -> engine.append(List.of(system("after"))));

        assertThat(appended.epoch()).isNotEqualTo(oldEpoch);
        assertThat(appended.firstSeq()).isEqualTo(4);
        Feed feed = once(() -> engine.read(3, 100, Duration.ZERO));
        assertThat(feed.epoch()).isEqualTo(appended.epoch());
        assertThat(feed.events()).extracting(Logged::seq).containsExactly(4L);
    }

    /**
     * Until the engine's client has reconnected to the restarted server: each of its two connections
     * (commands, and the reader's) comes back on its own, so every call after the restart waits.
     */
    private static <T> T once(Supplier<T> call) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return call.get();
            } catch (EngineUnavailableException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.onSpinWait();
            }
        }
    }
}
