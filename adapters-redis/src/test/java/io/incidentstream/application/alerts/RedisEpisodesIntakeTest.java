package io.incidentstream.application.alerts;

import static io.incidentstream.application.alerts.Notifications.firing;
import static io.incidentstream.application.alerts.Notifications.of;
import static io.incidentstream.application.alerts.Notifications.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.adapters.redis.RedisAlertEpisodes;
import io.incidentstream.adapters.redis.testing.RedisServer;
import io.incidentstream.application.port.in.AlertIntakeResult;
import io.incidentstream.application.port.in.PublishResult.Reason;
import io.incidentstream.application.port.out.AlertEpisodes;
import io.incidentstream.application.port.out.EngineMetrics;
import io.incidentstream.application.port.out.EngineUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The intake over alert episodes in a real redis-server, when a step and its publish come apart:
 * the publish refused and the undo failing too (Redis gone in between), the publish through and
 * the confirmation failing, Redis stopped. Each time the sender's retry ends with one incident,
 * opened once and resolved once: nothing lost, nothing twice.
 *
 * <p>"Redis gone in between" is staged by a store that passes every step to Redis but fails the
 * undo or the confirmation, as Redis would had it gone away just then; the other failures are real.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisEpisodesIntakeTest {

    private static final Duration LEASE = Duration.ofMillis(500);

    private RedisServer redis;
    private RedisClient client;
    private final String prefix = "intake-" + UUID.randomUUID();

    @BeforeEach
    void start() {
        redis = RedisServer.start(true);
        client = RedisClient.create(RedisURI.create(redis.url()));
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
    }

    @AfterEach
    void stop() {
        client.shutdown();
        redis.close();
    }

    private RedisAlertEpisodes store() {
        return new RedisAlertEpisodes(client.connect(), EngineMetrics.NONE, prefix, Duration.ofDays(7), LEASE);
    }

    @Test
    void publishRefusedAfterTheClaim_andTheUndoFailing_theRetryAfterTheLeaseOpensTheIncidentOnce() {
        IntakeFixture fixture =
                new IntakeFixture(AlertIntakeSettings.defaults(), new Failing(store(), Integer.MAX_VALUE, 0));
        fixture.publisher.refuse(Reason.ENGINE_UNAVAILABLE);

        AlertIntakeResult refused = fixture.intake.intake(of(firing("a1")));

        assertThat(refused).isInstanceOf(AlertIntakeResult.Refused.class);
        assertThat(((AlertIntakeResult.Refused) refused).rejection().reason()).isEqualTo(Reason.ENGINE_UNAVAILABLE);
        assertThat(fixture.publisher.events()).isEmpty();

        fixture.publisher.refuse(null);
        AlertIntakeResult whileHeld = fixture.intake.intake(of(firing("a1")));
        assertThat(whileHeld)
                .as("the claim still holds its lease: retry later")
                .isInstanceOf(AlertIntakeResult.Refused.class);
        assertThat(fixture.publisher.events()).isEmpty();

        fixture.clock.advance(LEASE.plusMillis(1));
        assertThat(fixture.accept(of(firing("a1")))).isEqualTo(new AlertIntakeResult.Accepted(1, 1, 0, 0));
        assertThat(fixture.accept(of(firing("a1")))).isEqualTo(new AlertIntakeResult.Accepted(1, 0, 0, 1));
        assertThat(fixture.publisher.types())
                .containsExactly("alert_received", "incident_created", "alert_converted", "alert_received");
    }

    @Test
    void publishThrough_butTheConfirmationFailing_theRetryAfterTheLeaseFindsTheIncident_andOpensNoOther() {
        IntakeFixture fixture = new IntakeFixture(AlertIntakeSettings.defaults(), new Failing(store(), 0, 1));

        assertThat(fixture.accept(of(firing("a1")))).isEqualTo(new AlertIntakeResult.Accepted(1, 1, 0, 0));
        fixture.clock.advance(LEASE.plusMillis(1));
        assertThat(fixture.accept(of(firing("a1")))).isEqualTo(new AlertIntakeResult.Accepted(1, 0, 0, 1));
        fixture.clock.advance(LEASE.plusMillis(1));
        assertThat(fixture.accept(of(resolved("a1")))).isEqualTo(new AlertIntakeResult.Accepted(1, 0, 1, 0));

        assertThat(fixture.publisher.types().stream().filter("incident_created"::equals))
                .hasSize(1);
        assertThat(fixture.publisher.types().stream().filter("incident_resolved"::equals))
                .hasSize(1);
    }

    @Test
    void resolveRefused_andTheUndoFailing_theRetryAfterTheLeaseResolvesOnce() {
        IntakeFixture fixture =
                new IntakeFixture(AlertIntakeSettings.defaults(), new Failing(store(), Integer.MAX_VALUE, 0));
        fixture.accept(of(firing("a1")));
        fixture.publisher.refuse(Reason.ENGINE_UNAVAILABLE);

        assertThat(fixture.intake.intake(of(resolved("a1")))).isInstanceOf(AlertIntakeResult.Refused.class);

        fixture.publisher.refuse(null);
        fixture.clock.advance(LEASE.plusMillis(1));
        assertThat(fixture.accept(of(resolved("a1")))).isEqualTo(new AlertIntakeResult.Accepted(1, 0, 1, 0));
        assertThat(fixture.accept(of(resolved("a1")))).isEqualTo(new AlertIntakeResult.Accepted(1, 0, 0, 0));
        assertThat(fixture.publisher.types().stream().filter("incident_resolved"::equals))
                .hasSize(1);
    }

    @Test
    void redisStopped_theNotificationIsRefusedAsEngineUnavailable_publishingNothing_andRedisBack_itOpensOnce() {
        IntakeFixture fixture = new IntakeFixture(AlertIntakeSettings.defaults(), store());
        fixture.accept(of(firing("before")));
        redis.stop();

        AlertIntakeResult refused = fixture.intake.intake(of(firing("a1"), resolved("before")));

        assertThat(refused).isInstanceOf(AlertIntakeResult.Refused.class);
        assertThat(((AlertIntakeResult.Refused) refused).rejection().reason()).isEqualTo(Reason.ENGINE_UNAVAILABLE);
        assertThat(fixture.publisher.types()).containsExactly("alert_received", "incident_created", "alert_converted");

        redis.restart();
        AlertIntakeResult.Accepted accepted = awaitAccepted(fixture, of(firing("a1"), resolved("before")));
        assertThat(accepted).isEqualTo(new AlertIntakeResult.Accepted(2, 1, 1, 0));
        assertThat(fixture.publisher.types().stream().filter("incident_created"::equals))
                .hasSize(2);
    }

    /** Posts until the store's client has reconnected (it refuses commands while disconnected). */
    private static AlertIntakeResult.Accepted awaitAccepted(
            IntakeFixture fixture, io.incidentstream.application.port.in.AlertNotification n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            AlertIntakeResult result = fixture.intake.intake(n);
            if (result instanceof AlertIntakeResult.Accepted accepted) {
                return accepted;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still refused after Redis came back: " + result);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    /**
     * The Redis store, with its first undos or confirmations failing as they would were Redis gone
     * just then.
     */
    private static final class Failing implements AlertEpisodes {

        private final AlertEpisodes redis;
        private final AtomicInteger undoFailures;
        private final AtomicInteger confirmFailures;

        Failing(AlertEpisodes redis, int undoFailures, int confirmFailures) {
            this.redis = redis;
            this.undoFailures = new AtomicInteger(undoFailures);
            this.confirmFailures = new AtomicInteger(confirmFailures);
        }

        @Override
        public Claim claim(String episode, UUID proposedIncident, Instant startsAt, Instant now) {
            return redis.claim(episode, proposedIncident, startsAt, now);
        }

        @Override
        public Resolve resolve(String episode, Instant endedAt, Instant now) {
            return redis.resolve(episode, endedAt, now);
        }

        @Override
        public void unclaim(String episode, UUID incident) {
            failIf(undoFailures, "unclaim");
            redis.unclaim(episode, incident);
        }

        @Override
        public void unresolve(String episode, UUID incident) {
            failIf(undoFailures, "unresolve");
            redis.unresolve(episode, incident);
        }

        @Override
        public void confirm(String episode, UUID incident) {
            failIf(confirmFailures, "confirm");
            redis.confirm(episode, incident);
        }

        @Override
        public Duration stepLease() {
            return redis.stepLease();
        }

        private static void failIf(AtomicInteger failures, String step) {
            if (failures.getAndDecrement() > 0) {
                throw new EngineUnavailableException(step + ": connection lost", null);
            }
        }
    }
}
