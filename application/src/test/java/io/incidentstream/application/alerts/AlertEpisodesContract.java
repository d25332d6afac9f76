package io.incidentstream.application.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.port.out.AlertEpisodes;
import io.incidentstream.application.port.out.AlertEpisodes.Claim;
import io.incidentstream.application.port.out.AlertEpisodes.ClaimOutcome;
import io.incidentstream.application.port.out.AlertEpisodes.Resolve;
import io.incidentstream.application.port.out.AlertEpisodes.ResolveOutcome;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link AlertEpisodes} adapter must do; each adapter's test extends this with a factory.
 * Episodes are created with a retention of {@link #RETENTION}. Each opening or resolving step is
 * confirmed before the next step on its episode, as the intake does once its publish went through
 * (a shared store answers {@code BUSY} until then).
 */
@Timeout(30)
public abstract class AlertEpisodesContract {

    protected static final Duration RETENTION = Duration.ofHours(1);
    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private static final Instant STARTS = T0.minusSeconds(60);

    private static final UUID A = new UUID(0, 1);
    private static final UUID B = new UUID(0, 2);

    /** A fresh, empty store whose episodes are kept for {@link #RETENTION}. */
    protected abstract AlertEpisodes newEpisodes();

    /** Claims a new episode and confirms the claim, as the intake does after publishing. */
    private static void opened(AlertEpisodes episodes, String episode, UUID incident, Instant now) {
        assertThat(episodes.claim(episode, incident, STARTS, now)).isEqualTo(new Claim(ClaimOutcome.OPENED, incident));
        episodes.confirm(episode, incident);
    }

    @Test
    void firstClaim_opensWithTheProposedIncident_laterClaimsFindIt() {
        AlertEpisodes episodes = newEpisodes();

        assertThat(episodes.claim("e", A, STARTS, T0)).isEqualTo(new Claim(ClaimOutcome.OPENED, A));
        episodes.confirm("e", A);
        assertThat(episodes.claim("e", B, STARTS, T0.plusSeconds(1))).isEqualTo(new Claim(ClaimOutcome.OPEN, A));
        assertThat(episodes.claim("other", B, STARTS, T0)).isEqualTo(new Claim(ClaimOutcome.OPENED, B));
    }

    @Test
    void resolve_resolvesOnce_thenClaimsAreLate_untilAnAlertStartsAfterTheEnd() {
        AlertEpisodes episodes = newEpisodes();
        opened(episodes, "e", A, T0);
        Instant ended = T0.plusSeconds(30);

        assertThat(episodes.resolve("e", ended, T0.plusSeconds(31))).isEqualTo(new Resolve(ResolveOutcome.RESOLVED, A));
        episodes.confirm("e", A);
        assertThat(episodes.resolve("e", ended, T0.plusSeconds(32)))
                .isEqualTo(new Resolve(ResolveOutcome.ALREADY_RESOLVED, A));
        assertThat(episodes.claim("e", B, STARTS, T0.plusSeconds(33))).isEqualTo(new Claim(ClaimOutcome.RESOLVED, A));
        assertThat(episodes.claim("e", B, ended, T0.plusSeconds(34))).isEqualTo(new Claim(ClaimOutcome.RESOLVED, A));
        assertThat(episodes.claim("e", B, ended.plusMillis(1), T0.plusSeconds(35)))
                .isEqualTo(new Claim(ClaimOutcome.OPENED, B));
    }

    @Test
    void aLateCopyOfAnEarlierResolve_leavesTheEpisodeThatFollowedItOpen() {
        AlertEpisodes episodes = newEpisodes();
        opened(episodes, "e", A, T0);
        Instant ended = T0.plusSeconds(30);
        assertThat(episodes.resolve("e", ended, T0.plusSeconds(31))).isEqualTo(new Resolve(ResolveOutcome.RESOLVED, A));
        episodes.confirm("e", A);
        Instant reopened = ended.plusSeconds(60);
        assertThat(episodes.claim("e", B, reopened, T0.plusSeconds(91))).isEqualTo(new Claim(ClaimOutcome.OPENED, B));
        episodes.confirm("e", B);

        assertThat(episodes.resolve("e", ended, T0.plusSeconds(92)))
                .isEqualTo(new Resolve(ResolveOutcome.ALREADY_RESOLVED, null));
        assertThat(episodes.resolve("e", ended.minusSeconds(10), T0.plusSeconds(93)))
                .isEqualTo(new Resolve(ResolveOutcome.ALREADY_RESOLVED, null));
        assertThat(episodes.claim("e", A, reopened, T0.plusSeconds(94))).isEqualTo(new Claim(ClaimOutcome.OPEN, B));
        assertThat(episodes.resolve("e", reopened.plusSeconds(30), T0.plusSeconds(95)))
                .isEqualTo(new Resolve(ResolveOutcome.RESOLVED, B));
    }

    @Test
    void takingBackTheClaimThatReopenedAnEpisode_bringsTheResolvedOneBack() {
        AlertEpisodes episodes = newEpisodes();
        opened(episodes, "e", A, T0);
        Instant ended = T0.plusSeconds(30);
        episodes.resolve("e", ended, T0.plusSeconds(31));
        episodes.confirm("e", A);
        Instant reopened = ended.plusSeconds(60);
        assertThat(episodes.claim("e", B, reopened, T0.plusSeconds(91))).isEqualTo(new Claim(ClaimOutcome.OPENED, B));

        episodes.unclaim("e", B);

        assertThat(episodes.claim("e", B, STARTS, T0.plusSeconds(92)))
                .as("a late firing finds the resolved episode")
                .isEqualTo(new Claim(ClaimOutcome.RESOLVED, A));
        assertThat(episodes.resolve("e", ended, T0.plusSeconds(93)))
                .isEqualTo(new Resolve(ResolveOutcome.ALREADY_RESOLVED, A));
        assertThat(episodes.claim("e", B, reopened, T0.plusSeconds(94))).isEqualTo(new Claim(ClaimOutcome.OPENED, B));
        episodes.confirm("e", B);
        assertThat(episodes.resolve("e", ended, T0.plusSeconds(95)))
                .as("still a late copy after the retry")
                .isEqualTo(new Resolve(ResolveOutcome.ALREADY_RESOLVED, null));
    }

    @Test
    void resolveOfAnUnknownEpisode_isRemembered_withoutAnIncident() {
        AlertEpisodes episodes = newEpisodes();

        assertThat(episodes.resolve("e", T0, T0)).isEqualTo(new Resolve(ResolveOutcome.UNKNOWN, null));
        episodes.confirm("e", null);
        assertThat(episodes.resolve("e", T0, T0)).isEqualTo(new Resolve(ResolveOutcome.ALREADY_RESOLVED, null));
        assertThat(episodes.claim("e", A, STARTS, T0)).isEqualTo(new Claim(ClaimOutcome.RESOLVED, null));
    }

    @Test
    void unclaim_forgetsTheEpisodeItOpened_butNotOneOpenedByAnother() {
        AlertEpisodes episodes = newEpisodes();
        episodes.claim("e", A, STARTS, T0);

        episodes.unclaim("e", B);
        assertThat(episodes.claim("e", B, STARTS, T0).outcome()).isIn(ClaimOutcome.OPEN, ClaimOutcome.BUSY);

        episodes.unclaim("e", A);
        assertThat(episodes.claim("e", B, STARTS, T0)).isEqualTo(new Claim(ClaimOutcome.OPENED, B));
    }

    @Test
    void unresolve_reopensTheEpisode_orForgetsAnIncidentlessOne() {
        AlertEpisodes episodes = newEpisodes();
        opened(episodes, "e", A, T0);
        episodes.resolve("e", T0, T0);

        episodes.unresolve("e", A);
        assertThat(episodes.resolve("e", T0, T0)).isEqualTo(new Resolve(ResolveOutcome.RESOLVED, A));

        episodes.resolve("u", T0, T0);
        episodes.unresolve("u", null);
        assertThat(episodes.resolve("u", T0, T0).outcome()).isEqualTo(ResolveOutcome.UNKNOWN);
    }

    @Test
    void episodes_areForgotten_aRetentionAfterTheyWereLastTouched() {
        AlertEpisodes episodes = newEpisodes();
        opened(episodes, "touched", A, T0);
        opened(episodes, "left", B, T0);
        Instant later = T0.plus(RETENTION.dividedBy(2));
        episodes.claim("touched", B, STARTS, later);

        Instant afterRetention = T0.plus(RETENTION).plusSeconds(1);
        assertThat(episodes.claim("left", A, STARTS, afterRetention)).isEqualTo(new Claim(ClaimOutcome.OPENED, A));
        assertThat(episodes.claim("touched", B, STARTS, afterRetention)).isEqualTo(new Claim(ClaimOutcome.OPEN, A));
    }

    @Test
    void claimsOfOneNewEpisode_atTheSameTime_openItOnce() throws Exception {
        AlertEpisodes episodes = newEpisodes();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 50; round++) {
                String episode = "race-" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Claim>> claims = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    UUID proposed = new UUID(round, i);
                    claims.add(pool.submit(() -> {
                        go.await();
                        return episodes.claim(episode, proposed, STARTS, T0);
                    }));
                }
                go.countDown();
                List<Claim> results = new ArrayList<>();
                for (Future<Claim> claim : claims) {
                    results.add(claim.get(10, TimeUnit.SECONDS));
                }
                // The others find it open, or (in a shared store) not confirmed yet: BUSY, with the same incident.
                assertThat(results)
                        .filteredOn(c -> c.outcome() == ClaimOutcome.OPENED)
                        .hasSize(1);
                assertThat(results).extracting(Claim::outcome).doesNotContain(ClaimOutcome.RESOLVED);
                assertThat(results)
                        .extracting(Claim::incidentId)
                        .containsOnly(results.stream()
                                .filter(c -> c.outcome() == ClaimOutcome.OPENED)
                                .findFirst()
                                .orElseThrow()
                                .incidentId());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
