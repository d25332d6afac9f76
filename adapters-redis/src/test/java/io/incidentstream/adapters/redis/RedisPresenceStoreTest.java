package io.incidentstream.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.adapters.redis.testing.RedisForClass;
import io.incidentstream.application.message.Watcher;
import io.incidentstream.application.port.out.EngineMetrics;
import io.incidentstream.application.port.out.PresenceStore;
import io.incidentstream.application.presence.PresenceStoreContract;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Presence shared through a real redis-server: the single-node contract, then two stores of one
 * prefix as two nodes (watches seen across, a halted node's watchers gone within two TTLs, Redis
 * restarted without its data and presence back).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisPresenceStoreTest extends PresenceStoreContract {

    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration TICK = Duration.ofMillis(200);
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    @RegisterExtension
    static final RedisForClass redis = new RedisForClass();

    private final List<RedisPresenceStore> stores = new ArrayList<>();
    private final String prefix = "test-" + UUID.randomUUID();

    @AfterEach
    void closeStores() {
        stores.forEach(RedisPresenceStore::close);
    }

    @Override
    protected PresenceStore newStore() {
        return node("only");
    }

    private RedisPresenceStore node(String nodeId) {
        RedisPresenceStore store = new RedisPresenceStore(
                new RedisEngineSettings(
                        redis.url(),
                        prefix,
                        1000,
                        Duration.ofHours(1),
                        1000,
                        Duration.ofDays(1),
                        Duration.ofSeconds(5)),
                nodeId,
                TTL,
                TICK,
                metricsOf(nodeId));
        stores.add(store);
        return store;
    }

    @Test
    void aWatchOnOneNodeIsSeenOnTheOtherAndLeavesAgain() {
        RedisPresenceStore a = node("a");
        RedisPresenceStore b = node("b");
        Set<UUID> changedOnB = ConcurrentHashMap.newKeySet();
        b.onChangeElsewhere(changedOnB::add);
        UUID incident = UUID.randomUUID();

        a.add(incident, "s1", "alice", "Alice", T0);
        b.add(incident, "s2", "bob", null, T0.plusSeconds(1));

        await(() -> b.watchers(incident).size() == 2 && a.watchers(incident).size() == 2);
        assertThat(b.watchers(incident))
                .containsExactly(new Watcher("alice", "Alice", T0), new Watcher("bob", null, T0.plusSeconds(1)));
        assertThat(changedOnB).containsExactly(incident);
        assertThat(b.watchedIncidents()).isEqualTo(1);
        assertThat(b.watchers()).isEqualTo(2);

        a.remove(incident, "s1");
        await(() -> b.watchers(incident).size() == 1);
        assertThat(b.watchers(incident)).containsExactly(new Watcher("bob", null, T0.plusSeconds(1)));
    }

    @Test
    void aUserOnTwoNodesCountsOnceSinceTheirFirstWatch() {
        RedisPresenceStore a = node("a");
        RedisPresenceStore b = node("b");
        UUID incident = UUID.randomUUID();
        a.add(incident, "s1", "alice", "Alice", T0.plusSeconds(5));
        b.add(incident, "s2", "alice", "Alice", T0);
        await(() -> a.watchers(incident).equals(List.of(new Watcher("alice", "Alice", T0))));
        assertThat(b.watchers(incident)).containsExactly(new Watcher("alice", "Alice", T0));
    }

    @Test
    void aHaltedNodesWatchersDisappearWithinTwoTtls() {
        RedisPresenceStore a = node("a");
        RedisPresenceStore b = node("b");
        Set<UUID> changedOnB = ConcurrentHashMap.newKeySet();
        b.onChangeElsewhere(changedOnB::add);
        UUID incident = UUID.randomUUID();
        a.add(incident, "s1", "alice", null, T0);
        await(() -> b.watchers(incident).size() == 1);
        changedOnB.clear();

        stores.remove(a);
        long halted = System.nanoTime();
        a.halt();
        await(() -> b.watchers(incident).isEmpty());
        Duration gone = Duration.ofNanos(System.nanoTime() - halted);

        assertThat(gone).isLessThan(TTL.multipliedBy(2));
        assertThat(changedOnB).containsExactly(incident);
        assertThat(b.watchedIncidents()).isZero();
    }

    @Test
    void aClosedNodeRemovesItsWatchersAtOnce() {
        RedisPresenceStore a = node("a");
        RedisPresenceStore b = node("b");
        UUID incident = UUID.randomUUID();
        a.add(incident, "s1", "alice", null, T0);
        await(() -> b.watchers(incident).size() == 1);
        stores.remove(a);
        long closed = System.nanoTime();
        a.close();
        await(() -> b.watchers(incident).isEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - closed)).isLessThan(TTL);
    }

    @Test
    void presenceComesBackAfterRedisRestartsWithoutItsData() {
        RedisPresenceStore a = node("a");
        RedisPresenceStore b = node("b");
        UUID incident = UUID.randomUUID();
        a.add(incident, "s1", "alice", null, T0);
        await(() -> b.watchers(incident).size() == 1);

        redis.server().stop();
        await(() -> !a.reachable() && !b.reachable());
        long errorsBefore = a.errors();
        assertThat(errorsBefore).isPositive();
        // ... and the metrics say so: failed ticks as errors of the command "presence".
        assertThat(metricsOf("a").errors.get()).isPositive();
        // A watch while Redis is away is taken and answered by the node at once.
        UUID later = UUID.randomUUID();
        a.add(later, "s2", "carol", null, T0);
        assertThat(a.watchers(later)).extracting(Watcher::user).containsExactly("carol");
        // After one TTL without Redis, each node shows its own watchers only.
        await(() -> b.watchers(incident).isEmpty());
        assertThat(a.watchers(incident)).extracting(Watcher::user).containsExactly("alice");

        redis.server().restart();
        await(() -> a.reachable() && b.reachable());
        long roundTripsAfterRestart = metricsOf("a").roundTrips.get();
        await(() -> metricsOf("a").roundTrips.get() > roundTripsAfterRestart);
        await(() -> b.watchers(incident).size() == 1 && b.watchers(later).size() == 1);
        assertThat(b.watchers(later)).extracting(Watcher::user).containsExactly("carol");
    }

    /** What one node's store reported of the command "presence", by node id. */
    private final java.util.Map<String, Recorded> metrics = new ConcurrentHashMap<>();

    private Recorded metricsOf(String nodeId) {
        return metrics.computeIfAbsent(nodeId, id -> new Recorded());
    }

    private static final class Recorded implements EngineMetrics {
        final java.util.concurrent.atomic.AtomicLong roundTrips = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong errors = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public void roundTrip(String command, long nanos) {
            if (command.equals("presence")) {
                roundTrips.incrementAndGet();
            }
        }

        @Override
        public void error(String command) {
            if (command.equals("presence")) {
                errors.incrementAndGet();
            }
        }

        @Override
        public void reconnecting() {}

        @Override
        public void lag(long events, double seconds) {}
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 30 s").isLessThan(deadline);
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
