package io.incidentstream.adapters.redis;

import io.incidentstream.application.port.out.EngineMetrics;
import io.incidentstream.application.port.out.EngineUnavailableException;
import io.incidentstream.application.port.out.StreamEngine.AppendResult;
import io.incidentstream.application.port.out.StreamEngine.Appended;
import io.incidentstream.application.port.out.StreamEngine.Candidate;
import io.incidentstream.application.port.out.StreamEngine.Conflict;
import io.incidentstream.application.port.out.StreamEngine.StoredIncident;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One call of {@code append.lua} (see its header for the keys and arguments): a batch of events
 * and what the script answered, as the engine's {@link AppendResult}.
 *
 * <p>A command that times out is not taken back: Redis that stalled (paused, swapping, a network
 * that holds the packets) runs it when it comes back, and the batch would be published although
 * the publisher was answered 503 "nothing was published", and published again when it retried. So
 * each call carries a deadline, and the script does nothing once Redis's clock is past it: half the
 * command timeout after sending, which leaves the other half for the clocks of the nodes and Redis
 * to differ (NTP keeps them within milliseconds) and for the reply to come back. A timeout alone
 * still cannot tell a call that never ran from one that ran in time and whose reply was held, so
 * it is settled by asking again, as a lost connection is ({@link #settled}).
 */
final class AppendScript {

    private static final LuaScript SCRIPT = new LuaScript("append");
    private static final int FIELDS_PER_EVENT = 5;
    /** Between two calls of a batch whose first call's connection failed, while Redis comes back. */
    private static final long RETRY_PAUSE_MILLIS = 100;

    private final RedisEngineSettings settings;
    private final RedisKeys keys;
    private final EventCodec codec;
    private final Clock clock;
    private final EngineMetrics metrics;

    AppendScript(RedisEngineSettings settings, RedisKeys keys, EventCodec codec, Clock clock, EngineMetrics metrics) {
        this.settings = settings;
        this.keys = keys;
        this.codec = codec;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Appends {@code candidates}, all or nothing; first starts a new epoch if the stream went back
     * below what this node has {@code read} (null before it read any).
     *
     * @throws EngineUnavailableException when the script ran past its deadline, and did nothing
     */
    AppendResult run(RedisCommands<String, String> redis, List<Candidate> candidates, ReadPosition read) {
        List<Object> reply = settled(redis, keys(candidates), args(candidates, read));
        return switch ((String) reply.get(0)) {
            case "appended" -> new Appended((String) reply.get(1), Long.parseLong((String) reply.get(2)));
            case "expired" ->
                throw new EngineUnavailableException(
                        "append not applied: it reached Redis after " + deadlineMillis()
                                + " ms, too late to be answered",
                        null);
            default -> conflict(reply);
        };
    }

    /**
     * The script's reply, made sure of. A connection that fails under the call (Redis restarted, the
     * connection reset) may have carried the batch to Redis, which ran it, and lost the reply: a 503
     * "nothing was published" would then be untrue, and the publisher's retry would publish the batch
     * twice. So the very same call, with the same idempotency key and deadline, is made again as the
     * connection comes back, for up to the command timeout: Redis answers what the first call did
     * (appended, found by its key), or that it is past its deadline (never run, and now never will
     * be), or appends the batch (never run, still in time). A call that timed out is asked again the
     * same way: it may have run in time with its reply held back, and by now its deadline has passed,
     * so asking again answers what it did and never appends it anew. A call Redis answered with an
     * error is not asked again. Only when Redis stays away longer is the outcome unknown, and the
     * refusal says so.
     */
    private List<Object> settled(RedisCommands<String, String> redis, String[] keys, String[] args) {
        try {
            return SCRIPT.run(redis, ScriptOutputType.MULTI, keys, args);
        } catch (RedisCommandExecutionException answered) {
            // An error reply (out of memory, a read-only replica): Redis answered, and did not append.
            throw answered;
        } catch (RedisException failed) {
            if (neverSent(failed)) {
                throw failed;
            }
            long giveUp = System.nanoTime() + settings.commandTimeout().toNanos();
            while (System.nanoTime() - giveUp < 0) {
                pause();
                try {
                    List<Object> settled = SCRIPT.run(redis, ScriptOutputType.MULTI, keys, args);
                    // Settled, but the first call failed all the same: Redis trouble an operator should see.
                    metrics.error("append");
                    return settled;
                } catch (RedisException again) {
                    failed.addSuppressed(again);
                }
            }
            throw EngineUnavailableException.outcomeUnknown(
                    "append failed: " + failed.getMessage() + ", after the batch may have reached Redis, which did"
                            + " not answer again within "
                            + settings.commandTimeout().toMillis() + " ms",
                    failed);
        }
    }

    /** Refused before it was written: Lettuce rejects commands at once while disconnected. */
    private static boolean neverSent(RedisException failed) {
        return failed.getMessage() != null && failed.getMessage().startsWith("Currently not connected");
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineUnavailableException.outcomeUnknown("interrupted while asking Redis again", e);
        }
    }

    private String[] keys(List<Candidate> candidates) {
        return new String[] {
            keys.meta(),
            keys.stream(),
            keys.view(),
            keys.versions(),
            keys.active(),
            keys.closed(),
            keys.idempotencyPrefix() + candidates.get(0).messageId()
        };
    }

    private String[] args(List<Candidate> candidates, ReadPosition read) {
        String[] args = new String[10 + FIELDS_PER_EVENT * candidates.size()];
        args[0] = UUID.randomUUID().toString();
        args[1] = Integer.toString(settings.streamLength());
        args[2] = Long.toString(settings.historyTtl().toSeconds());
        args[3] = Integer.toString(settings.maxIncidents());
        args[4] = Long.toString(settings.closedRetention().toMillis());
        args[5] = Long.toString(clock.millis());
        args[6] = Integer.toString(candidates.size());
        // The real clock, not the stream's (tests set that one): Redis compares it with its own.
        args[7] = Long.toString(System.currentTimeMillis() + deadlineMillis());
        args[8] = read == null ? "" : read.epoch();
        args[9] = read == null ? "0" : Long.toString(read.seq());
        int at = 10;
        for (Candidate candidate : candidates) {
            UUID id = candidate.event().incidentId();
            args[at] = id == null ? "" : id.toString();
            args[at + 1] = Long.toString(id == null ? -1 : candidate.expectedVersion());
            args[at + 2] = codec.payload(candidate);
            args[at + 3] = candidate.after() == null ? "" : codec.incident(candidate.after());
            args[at + 4] =
                    candidate.after() != null && candidate.after().state().isActive() ? "1" : "0";
            at += FIELDS_PER_EVENT;
        }
        return args;
    }

    /** {'conflict', epoch, then id, incident JSON or '', version for each incident that moved on}. */
    private Conflict conflict(List<Object> reply) {
        Map<UUID, StoredIncident> current = new HashMap<>();
        for (int i = 2; i + 2 < reply.size(); i += 3) {
            UUID id = UUID.fromString((String) reply.get(i));
            String json = (String) reply.get(i + 1);
            long version = Long.parseLong((String) reply.get(i + 2));
            current.put(id, json.isEmpty() ? null : new StoredIncident(codec.incident(json), version));
        }
        return new Conflict(current);
    }

    /** How long after it is sent an append may still run (see the class comment). */
    private long deadlineMillis() {
        return settings.commandTimeout().toMillis() / 2;
    }
}
