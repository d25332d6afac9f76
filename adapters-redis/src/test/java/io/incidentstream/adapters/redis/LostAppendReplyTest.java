package io.incidentstream.adapters.redis;

import static io.incidentstream.adapters.redis.SystemEvents.system;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentstream.adapters.redis.testing.RedisForClass;
import io.incidentstream.adapters.redis.testing.ReplyLosingProxy;
import io.incidentstream.application.port.out.EngineMetrics;
import io.incidentstream.application.port.out.EngineUnavailableException;
import io.incidentstream.application.port.out.StreamEngine;
import io.incidentstream.application.port.out.StreamEngine.AppendResult;
import io.incidentstream.application.port.out.StreamEngine.Appended;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An append whose reply is lost with its connection after Redis ran it (a restart, a reset): the
 * batch is stored, so the engine must not report it refused. Found from outside: restarting Redis
 * under load, publishes answered 503 "nothing was published" were delivered, and their retries
 * published them twice.
 */
@Timeout(30)
class LostAppendReplyTest {

    @RegisterExtension
    static final RedisForClass redis = new RedisForClass();

    @Test
    void aBatchWhoseReplyWasLost_isAppended_once_andAnsweredSo() throws Exception {
        appendedOnceDespite(
                proxy -> proxy.loseTheReplyTo("EVALSHA"), proxy -> proxy.lostAReply(5), "the reply was lost", 5);
    }

    /**
     * Redis ran the append in time, but its reply came after the command timeout (a network that held
     * it, a script slow to finish): stored, so not answered "nothing was published".
     */
    @Test
    void aBatchWhoseReplyCameAfterTheTimeout_isAppended_once_andAnsweredSo() throws Exception {
        appendedOnceDespite(
                proxy -> proxy.holdTheReplyTo("EVALSHA"),
                proxy -> proxy.heldAReply(5),
                "the reply was held past the timeout",
                1);
    }

    /** What the proxy did to the append's reply, within a few seconds. */
    private interface Fault {
        boolean happened(ReplyLosingProxy proxy) throws InterruptedException;
    }

    /** A batch of two appended through a proxy armed with {@code fault}: stored once, and answered so. */
    private static void appendedOnceDespite(
            Consumer<ReplyLosingProxy> arm, Fault fault, String what, int timeoutSeconds) throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        try (ReplyLosingProxy proxy = ReplyLosingProxy.to(redis.server().port());
                RedisStreamEngine engine = engineThrough(proxy, Duration.ofSeconds(timeoutSeconds), errors::add)) {
            engine.open();
            engine.append(List.of(system("loads the script")));
            arm.accept(proxy);

            AppendResult result = engine.append(List.of(system("a"), system("b")));

            assertThat(fault.happened(proxy)).as(what).isTrue();
            assertThat(result).isInstanceOf(Appended.class);
            assertThat(((Appended) result).firstSeq()).isEqualTo(2);
            assertThat(engine.read(0, 10, Duration.ofSeconds(1)).events())
                    .extracting(StreamEngine.Logged::seq)
                    .as("stored once")
                    .containsExactly(1L, 2L, 3L);
            assertThat(errors)
                    .as("the failed first call, counted though it settled")
                    .containsExactly("append");
        }
    }

    /** Redis lost mid-append and away for longer than the command timeout: no one can say, and the refusal says so. */
    @Test
    void aBatchWhoseReplyWasLost_withRedisAwayLonger_isRefusedAsMaybePublished() throws Exception {
        try (ReplyLosingProxy proxy = ReplyLosingProxy.to(redis.server().port());
                RedisStreamEngine engine = engineThrough(proxy, Duration.ofSeconds(1))) {
            engine.open();
            engine.append(List.of(system("loads the script")));
            proxy.loseTheReplyToAndGoAway("EVALSHA");

            assertThatThrownBy(() -> engine.append(List.of(system("a"))))
                    .isInstanceOfSatisfying(
                            EngineUnavailableException.class,
                            e -> assertThat(e.outcomeUnknown()).isTrue())
                    .hasMessageContaining("after the batch may have reached Redis");
            assertThat(proxy.lostAReply(5)).isTrue();
        }
    }

    /** Refused by Lettuce before it was written (disconnected): known not to be stored, and not asked again. */
    @Test
    void anAppendWhileDisconnected_isRefusedAtOnce_asNothingPublished() throws Exception {
        try (ReplyLosingProxy proxy = ReplyLosingProxy.to(redis.server().port());
                RedisStreamEngine engine = engineThrough(proxy, Duration.ofSeconds(5))) {
            engine.open();
            proxy.goAway();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!disconnected(engine)) {
                assertThat(System.nanoTime() - deadline)
                        .as("the engine noticed Redis is away")
                        .isNegative();
                Thread.onSpinWait();
            }

            long start = System.nanoTime();
            assertThatThrownBy(() -> engine.append(List.of(system("a"))))
                    .isInstanceOfSatisfying(
                            EngineUnavailableException.class,
                            e -> assertThat(e.outcomeUnknown()).isFalse());
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("not asked again for the command timeout (5 s)")
                    .isLessThan(Duration.ofSeconds(2));
        }
    }

    private static boolean disconnected(RedisStreamEngine engine) {
        try {
            engine.ping();
            return false;
        } catch (EngineUnavailableException e) {
            return e.getMessage().contains("not connected");
        }
    }

    private static RedisStreamEngine engineThrough(ReplyLosingProxy proxy, Duration commandTimeout) {
        return engineThrough(proxy, commandTimeout, command -> {});
    }

    /** Through the proxy, telling {@code errors} each command that failed (engine_redis_errors_total). */
    private static RedisStreamEngine engineThrough(
            ReplyLosingProxy proxy, Duration commandTimeout, Consumer<String> errors) {
        EngineMetrics metrics = new EngineMetrics() {
            @Override
            public void roundTrip(String command, long nanos) {}

            @Override
            public void error(String command) {
                errors.accept(command);
            }

            @Override
            public void reconnecting() {}

            @Override
            public void lag(long events, double seconds) {}
        };
        return new RedisStreamEngine(
                new RedisEngineSettings(
                        proxy.url(),
                        "test-" + UUID.randomUUID(),
                        100,
                        Duration.ofHours(1),
                        100,
                        Duration.ofDays(1),
                        commandTimeout),
                metrics,
                Clock.systemUTC(),
                Duration.ZERO);
    }
}
