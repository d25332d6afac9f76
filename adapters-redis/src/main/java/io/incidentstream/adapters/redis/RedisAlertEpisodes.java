package io.incidentstream.adapters.redis;

import io.incidentstream.application.port.out.AlertEpisodes;
import io.incidentstream.application.port.out.EngineMetrics;
import io.incidentstream.application.port.out.EngineUnavailableException;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Alert episodes in Redis, shared by every node of a cluster and kept across restarts. Each step
 * is one Lua script, which Redis runs atomically, so two nodes taking the same notification at once
 * open one incident between them.
 *
 * <p>An episode is a hash under {@code <prefix>:alert-episode:<episode>}. A step that opens or
 * resolves it stays unconfirmed (a {@code lease} field) until the caller's publish went through:
 * meanwhile other requests get {@code BUSY}; if the caller can neither confirm nor take it back
 * (Redis went away between the step and the publish), the next request takes the step over once
 * the lease has run out. The episode is forgotten {@code retention} after it was last touched: by
 * the callers' clock for the answer (as in the in-memory store), and by the key's own TTL for the
 * memory it takes.
 */
public final class RedisAlertEpisodes implements AlertEpisodes {

    private static final LuaScript CLAIM = new LuaScript("alert-claim");
    private static final LuaScript RESOLVE = new LuaScript("alert-resolve");
    private static final LuaScript STEP = new LuaScript("alert-undo");

    private final StatefulRedisConnection<String, String> connection;
    private final EngineMetrics metrics;
    private final String prefix;
    private final long retentionMillis;
    private final Duration lease;

    /**
     * @param connection a connection of its own (closed with its client)
     * @param keyPrefix  the stream's key prefix: nodes of one stream share their episodes
     * @param retention  how long an episode is remembered after it was last claimed or resolved
     * @param lease      how long an unconfirmed step holds its episode: longer than a publish can take
     */
    public RedisAlertEpisodes(
            StatefulRedisConnection<String, String> connection,
            EngineMetrics metrics,
            String keyPrefix,
            Duration retention,
            Duration lease) {
        if (retention.isNegative() || retention.isZero() || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("retention and lease must be positive");
        }
        this.connection = connection;
        this.metrics = metrics;
        this.prefix = keyPrefix + ":alert-episode:";
        this.retentionMillis = retention.toMillis();
        this.lease = lease;
    }

    @Override
    public Claim claim(String episode, UUID proposedIncident, Instant startsAt, Instant now) {
        List<Object> reply = run(() -> CLAIM.run(
                connection.sync(),
                ScriptOutputType.MULTI,
                key(episode),
                proposedIncident.toString(),
                Long.toString(micros(startsAt)),
                Long.toString(now.toEpochMilli()),
                Long.toString(retentionMillis),
                Long.toString(lease.toMillis())));
        return new Claim(ClaimOutcome.valueOf((String) reply.get(0)), incident(reply.get(1)));
    }

    @Override
    public Resolve resolve(String episode, Instant endedAt, Instant now) {
        List<Object> reply = run(() -> RESOLVE.run(
                connection.sync(),
                ScriptOutputType.MULTI,
                key(episode),
                Long.toString(micros(endedAt)),
                Long.toString(now.toEpochMilli()),
                Long.toString(retentionMillis),
                Long.toString(lease.toMillis())));
        return new Resolve(ResolveOutcome.valueOf((String) reply.get(0)), incident(reply.get(1)));
    }

    @Override
    public void unclaim(String episode, UUID incident) {
        step("unclaim", episode, incident);
    }

    @Override
    public void unresolve(String episode, UUID incident) {
        step("unresolve", episode, incident);
    }

    @Override
    public void confirm(String episode, UUID incident) {
        step("confirm", episode, incident);
    }

    @Override
    public Duration stepLease() {
        return lease;
    }

    private void step(String step, String episode, UUID incident) {
        run(() -> STEP.run(
                connection.sync(),
                ScriptOutputType.INTEGER,
                key(episode),
                step,
                incident == null ? "" : incident.toString()));
    }

    private String[] key(String episode) {
        return new String[] {prefix + episode};
    }

    /** One script, timed as the engine's commands are; a Redis failure means the store is unavailable. */
    private <T> T run(Supplier<T> call) {
        long start = System.nanoTime();
        try {
            T result = call.get();
            metrics.roundTrip("episode", System.nanoTime() - start);
            return result;
        } catch (RedisException e) {
            metrics.error("episode");
            throw new EngineUnavailableException("alert episode step failed: " + e.getMessage(), e);
        }
    }

    /** Microseconds since the epoch: exact in Lua's numbers (doubles), which nanoseconds would not be. */
    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static UUID incident(Object value) {
        String text = (String) value;
        return text == null || text.isEmpty() ? null : UUID.fromString(text);
    }
}
