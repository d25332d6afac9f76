package io.incidentstream.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentstream.adapters.redis.testing.RedisForClass;
import io.incidentstream.adapters.redis.testing.RedisServer;
import io.incidentstream.application.alerts.AlertEpisodesContract;
import io.incidentstream.application.port.out.AlertEpisodes;
import io.incidentstream.application.port.out.AlertEpisodes.Claim;
import io.incidentstream.application.port.out.AlertEpisodes.ClaimOutcome;
import io.incidentstream.application.port.out.AlertEpisodes.Resolve;
import io.incidentstream.application.port.out.AlertEpisodes.ResolveOutcome;
import io.incidentstream.application.port.out.EngineMetrics;
import io.incidentstream.application.port.out.EngineUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Alert episodes in a real redis-server (started and stopped by this test) meet the port's
 * contract; several connections (as several nodes) claiming one new episode at once open it once;
 * an unconfirmed step holds its episode until confirmed or until its lease runs out; every key
 * expires.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisAlertEpisodesTest extends AlertEpisodesContract {

    private static final Duration LEASE = Duration.ofSeconds(20);
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final Instant STARTS = NOW.minusSeconds(60);

    @RegisterExtension
    static final RedisForClass redis = new RedisForClass();

    private static RedisClient client;

    @BeforeAll
    static void connect() {
        client = RedisClient.create(RedisURI.create(redis.url()));
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
    }

    @AfterAll
    static void disconnect() {
        client.shutdown();
    }

    @Override
    protected AlertEpisodes newEpisodes() {
        return node("contract-" + UUID.randomUUID());
    }

    /** A store on a connection of its own, as each node has. */
    private static RedisAlertEpisodes node(String prefix) {
        return new RedisAlertEpisodes(client.connect(), EngineMetrics.NONE, prefix, RETENTION, LEASE);
    }

    @Test
    void fourNodesClaimingTheSameNewEpisodeAtOnce_openItOnce_twoHundredTimes() throws Exception {
        String prefix = "race-" + UUID.randomUUID();
        List<RedisAlertEpisodes> nodes = List.of(node(prefix), node(prefix), node(prefix), node(prefix));
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            for (int round = 0; round < 200; round++) {
                String episode = "alertmanager|alert|fp" + round + "|" + STARTS;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Claim>> claims = new ArrayList<>();
                for (int i = 0; i < nodes.size(); i++) {
                    AlertEpisodes node = nodes.get(i);
                    UUID proposed = new UUID(round, i);
                    claims.add(pool.submit(() -> {
                        go.await();
                        return node.claim(episode, proposed, STARTS, NOW);
                    }));
                }
                go.countDown();
                List<Claim> results = new ArrayList<>();
                for (Future<Claim> claim : claims) {
                    results.add(claim.get(10, TimeUnit.SECONDS));
                }
                Claim winner = results.stream()
                        .filter(c -> c.outcome() == ClaimOutcome.OPENED)
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("nobody opened: " + results));
                assertThat(results)
                        .as("round %d", round)
                        .filteredOn(c -> c.outcome() == ClaimOutcome.OPENED)
                        .hasSize(1);
                assertThat(results)
                        .as("the others wait for the unconfirmed claim")
                        .filteredOn(c -> c != winner)
                        .extracting(Claim::outcome)
                        .containsOnly(ClaimOutcome.BUSY);
                assertThat(results).extracting(Claim::incidentId).containsOnly(winner.incidentId());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnconfirmedClaim_isBusyForOthers_untilConfirmed_thenOpen() {
        String prefix = "busy-" + UUID.randomUUID();
        AlertEpisodes a = node(prefix);
        AlertEpisodes b = node(prefix);
        UUID incident = UUID.randomUUID();

        assertThat(a.claim("e", incident, STARTS, NOW)).isEqualTo(new Claim(ClaimOutcome.OPENED, incident));
        assertThat(b.claim("e", UUID.randomUUID(), STARTS, NOW.plusSeconds(1)))
                .isEqualTo(new Claim(ClaimOutcome.BUSY, incident));
        assertThat(b.resolve("e", NOW, NOW.plusSeconds(1))).isEqualTo(new Resolve(ResolveOutcome.BUSY, incident));

        a.confirm("e", incident);

        assertThat(b.claim("e", UUID.randomUUID(), STARTS, NOW.plusSeconds(2)))
                .isEqualTo(new Claim(ClaimOutcome.OPEN, incident));
    }

    @Test
    void aClaimNeitherConfirmedNorTakenBack_isTakenOverWithTheSameIncident_onceItsLeaseRanOut() {
        String prefix = "lease-" + UUID.randomUUID();
        AlertEpisodes failed = node(prefix);
        AlertEpisodes next = node(prefix);
        UUID incident = UUID.randomUUID();
        failed.claim("e", incident, STARTS, NOW);

        assertThat(next.claim("e", UUID.randomUUID(), STARTS, NOW.plus(LEASE).minusMillis(1))
                        .outcome())
                .isEqualTo(ClaimOutcome.BUSY);
        Instant afterLease = NOW.plus(LEASE).plusMillis(1);
        assertThat(next.claim("e", UUID.randomUUID(), STARTS, afterLease))
                .isEqualTo(new Claim(ClaimOutcome.OPENED, incident));
        assertThat(failed.claim("e", UUID.randomUUID(), STARTS, afterLease).outcome())
                .as("the taker holds it now")
                .isEqualTo(ClaimOutcome.BUSY);
        next.confirm("e", incident);
        assertThat(failed.claim("e", UUID.randomUUID(), STARTS, afterLease))
                .isEqualTo(new Claim(ClaimOutcome.OPEN, incident));
    }

    @Test
    void aResolveNeitherConfirmedNorTakenBack_isTakenOver_onceItsLeaseRanOut() {
        String prefix = "resolve-lease-" + UUID.randomUUID();
        AlertEpisodes failed = node(prefix);
        AlertEpisodes next = node(prefix);
        UUID incident = UUID.randomUUID();
        failed.claim("e", incident, STARTS, NOW);
        failed.confirm("e", incident);
        failed.resolve("e", NOW, NOW.plusSeconds(1));

        assertThat(next.resolve("e", NOW, NOW.plusSeconds(2)).outcome()).isEqualTo(ResolveOutcome.BUSY);
        Instant afterLease = NOW.plusSeconds(1).plus(LEASE).plusMillis(1);
        assertThat(next.resolve("e", NOW, afterLease)).isEqualTo(new Resolve(ResolveOutcome.RESOLVED, incident));
        next.confirm("e", incident);
        assertThat(next.resolve("e", NOW, afterLease).outcome()).isEqualTo(ResolveOutcome.ALREADY_RESOLVED);
    }

    @Test
    void everyEpisodeKey_expiresAfterTheRetention_soRedisHoldsABoundedNumber() {
        String prefix = "ttl-" + UUID.randomUUID();
        AlertEpisodes episodes = node(prefix);
        UUID incident = UUID.randomUUID();
        episodes.claim("open", incident, STARTS, NOW);
        episodes.confirm("open", incident);
        episodes.claim("resolved", incident, STARTS, NOW);
        episodes.confirm("resolved", incident);
        episodes.resolve("resolved", NOW, NOW);
        episodes.confirm("resolved", incident);
        episodes.resolve("unknown", NOW, NOW);

        RedisCommands<String, String> commands = client.connect().sync();
        List<String> keys = commands.keys(prefix + ":alert-episode:*");
        assertThat(keys).hasSize(3);
        for (String key : keys) {
            assertThat(commands.pttl(key)).as(key).isPositive().isLessThanOrEqualTo(RETENTION.toMillis());
        }
        assertThat(commands.hget(prefix + ":alert-episode:resolved", "lease"))
                .as("confirmed")
                .isNull();
    }

    @Test
    void redisStopped_eachStepFailsAsUnavailable_andRedisBack_theStoreCarriesOn() {
        RedisServer own = RedisServer.start(true);
        RedisClient ownClient = RedisClient.create(RedisURI.create(own.url()));
        ownClient.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        try {
            RedisAlertEpisodes episodes =
                    new RedisAlertEpisodes(ownClient.connect(), EngineMetrics.NONE, "down", RETENTION, LEASE);
            UUID incident = UUID.randomUUID();
            episodes.claim("kept", incident, STARTS, NOW);
            episodes.confirm("kept", incident);

            own.stop();
            assertThatThrownBy(() -> episodes.claim("e", incident, STARTS, NOW))
                    .isInstanceOf(EngineUnavailableException.class);

            own.restart();
            Claim kept = awaitClaim(episodes, "kept");
            assertThat(kept)
                    .as("kept across the restart (append-only file)")
                    .isEqualTo(new Claim(ClaimOutcome.OPEN, incident));
        } finally {
            ownClient.shutdown();
            own.close();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** Claims until the client has reconnected (commands are refused while it is disconnected). */
    private static Claim awaitClaim(AlertEpisodes episodes, String episode) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return episodes.claim(episode, UUID.randomUUID(), STARTS, NOW);
            } catch (EngineUnavailableException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                pause();
            }
        }
    }
}
