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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    protected StreamEngine newEngine(int capacity, int maxIncidents, Duration closedRetention, Clock clock) {
        return engine(
                "test-" + UUID.randomUUID(),
                capacity,
                maxIncidents,
                closedRetention,
                clock,
                EngineMetrics.NONE,
                Duration.ZERO);
    }

    private RedisStreamEngine engine(String prefix, int capacity, int maxIncidents, EngineMetrics metrics) {
        return engine(prefix, capacity, maxIncidents, metrics, Duration.ZERO);
    }

    private RedisStreamEngine engine(
            String prefix, int capacity, int maxIncidents, EngineMetrics metrics, Duration readSampleInterval) {
        return engine(
                prefix,
                capacity,
                maxIncidents,
                Duration.ofDays(1),
                Clock.fixed(AT, ZoneOffset.UTC),
                metrics,
                readSampleInterval);
    }

    private RedisStreamEngine engine(
            String prefix,
            int capacity,
            int maxIncidents,
            Duration closedRetention,
            Clock clock,
            EngineMetrics metrics,
            Duration readSampleInterval) {
        RedisStreamEngine engine = new RedisStreamEngine(
                new RedisEngineSettings(
                        redis.url(),
                        prefix,
                        capacity,
                        Duration.ofHours(1),
                        maxIncidents,
                        closedRetention,
                        Duration.ofSeconds(5)),
                metrics,
                clock,
                readSampleInterval);
        engines.add(engine);
        return engine;
    }

    /** The round trips an engine made, by command, in order. */
    private static final class RoundTrips implements EngineMetrics {
        final List<String> commands = Collections.synchronizedList(new ArrayList<>());
        final List<Long> reads = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void roundTrip(String command, long nanos) {
            commands.add(command);
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

        void clear() {
            commands.clear();
            reads.clear();
        }
    }

    /**
     * The {@code read} round trip is Redis's latency, not the wait for the next publish: a read
     * that finds nothing and then blocks records only its first, non-blocking, round trip.
     */
    @Test
    void readRoundTrip_excludesTheBlockingWait() {
        RoundTrips recording = new RoundTrips();
        List<Long> reads = recording.reads;
        RedisStreamEngine engine = engine("test-" + UUID.randomUUID(), 100, 100, recording);
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

    /**
     * Between two samples of the read round trip, a read that may block is one {@code XREAD BLOCK}:
     * it returns at once when the stream holds something to read, so no non-blocking read first.
     */
    @Test
    void betweenSamples_aReadIsOneBlockingXread_thatReturnsAtOnce() {
        RoundTrips recording = new RoundTrips();
        RedisStreamEngine engine = engine("test-" + UUID.randomUUID(), 100, 100, recording, Duration.ofHours(1));
        engine.open();
        engine.append(List.of(system("one")));
        recording.clear();
        assertThat(engine.read(0, 10, Duration.ofSeconds(3)).events()).hasSize(1);
        assertThat(recording.commands).as("the first read is a sample").containsExactly("read");
        engine.append(List.of(system("two")));
        recording.clear();
        long before = xreadCalls();

        long start = System.nanoTime();
        Feed feed = engine.read(1, 10, Duration.ofSeconds(30));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no wait").isLessThan(Duration.ofSeconds(15));
        assertThat(feed.events()).extracting(StreamEngine.Logged::seq).containsExactly(2L);
        assertThat(xreadCalls() - before).as("XREAD calls").isEqualTo(1);
        assertThat(recording.commands)
                .as("nothing timed: no sample, no epoch read")
                .isEmpty();
    }

    private static long xreadCalls() {
        String stats = redis.server().call(commands -> commands.info("commandstats"));
        Matcher calls = Pattern.compile("cmdstat_xread:calls=(\\d+)").matcher(stats);
        return calls.find() ? Long.parseLong(calls.group(1)) : 0;
    }

    /** What a node asks before trusting a resume position it has not read yet. */
    @Test
    void handedOut_isTrueUpToTheStreamsLastSeq_inItsEpochOnly() {
        RedisStreamEngine engine = engine("test-" + UUID.randomUUID(), 100, 100, new RoundTrips());
        String epoch = engine.open().epoch();
        engine.append(List.of(system("one"), system("two")));

        assertThat(engine.handedOut(epoch, 2)).isTrue();
        assertThat(engine.handedOut(epoch.toUpperCase(java.util.Locale.ROOT), 1))
                .isTrue();
        assertThat(engine.handedOut(epoch, 3)).isFalse();
        assertThat(engine.handedOut(UUID.randomUUID().toString(), 1)).isFalse();
    }

    /** Each entry carries its epoch, so a read at the head of the stream needs no second round trip. */
    @Test
    void aReadThatReachesTheHead_takesTheEpochFromTheEntries_inOneRoundTrip() {
        RoundTrips recording = new RoundTrips();
        RedisStreamEngine engine = engine("test-" + UUID.randomUUID(), 100, 100, recording);
        String epoch = engine.open().epoch();
        engine.append(List.of(system("one"), system("two")));
        recording.clear();

        Feed feed = engine.read(0, 10, Duration.ofSeconds(3));

        assertThat(feed.events()).extracting(StreamEngine.Logged::seq).containsExactly(1L, 2L);
        assertThat(feed.epoch()).isEqualTo(epoch);
        assertThat(recording.commands).containsExactly("read");
    }

    /** Nothing read, or a full batch (maybe more behind it): the epoch and the head come from Redis. */
    @Test
    void anEmptyRead_andAFullBatch_readTheEpochFromRedis() {
        RoundTrips recording = new RoundTrips();
        RedisStreamEngine engine = engine("test-" + UUID.randomUUID(), 100, 100, recording);
        String epoch = engine.open().epoch();
        engine.append(List.of(system("one"), system("two"), system("three")));
        recording.clear();

        Feed full = engine.read(0, 2, Duration.ZERO);
        assertThat(full.events()).hasSize(2);
        assertThat(full.epoch()).isEqualTo(epoch);
        assertThat(recording.commands).containsExactly("read", "epoch");

        recording.clear();
        Feed empty = engine.read(3, 10, Duration.ZERO);
        assertThat(empty.events()).isEmpty();
        assertThat(empty.epoch()).isEqualTo(epoch);
        assertThat(recording.commands).containsExactly("read", "epoch");
    }

    /**
     * Redis lost the stream and another node started a new one: the entries a node reads from it
     * carry the new epoch, so the node sees the loss in the same read that brings the new events.
     */
    @Test
    void entriesOfAStreamStartedAfterALoss_carryTheNewEpoch() {
        String prefix = "test-" + UUID.randomUUID();
        RedisStreamEngine follower = engine(prefix, 100, 100, EngineMetrics.NONE);
        String before = follower.open().epoch();
        follower.append(List.of(system("one"), system("two")));
        assertThat(follower.read(0, 10, Duration.ZERO).events()).hasSize(2);

        redis.server().flushAll();
        RedisStreamEngine other = engine(prefix, 100, 100, EngineMetrics.NONE);
        String after = other.open().epoch();
        other.append(List.of(system("a"), system("b"), system("c")));

        Feed feed = follower.read(2, 10, Duration.ZERO);

        assertThat(after).isNotEqualTo(before);
        assertThat(feed.epoch()).isEqualTo(after);
        assertThat(feed.events()).extracting(StreamEngine.Logged::seq).containsExactly(3L);
    }
}
