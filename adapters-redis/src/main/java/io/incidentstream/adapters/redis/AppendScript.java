package io.incidentstream.adapters.redis;

import io.incidentstream.application.port.out.EngineUnavailableException;
import io.incidentstream.application.port.out.StreamEngine.AppendResult;
import io.incidentstream.application.port.out.StreamEngine.Appended;
import io.incidentstream.application.port.out.StreamEngine.Candidate;
import io.incidentstream.application.port.out.StreamEngine.Conflict;
import io.incidentstream.application.port.out.StreamEngine.StoredIncident;
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
 * to differ (NTP keeps them within milliseconds) and for the reply to come back.
 */
final class AppendScript {

    private static final LuaScript SCRIPT = new LuaScript("append");
    private static final int FIELDS_PER_EVENT = 5;

    private final RedisEngineSettings settings;
    private final RedisKeys keys;
    private final EventCodec codec;
    private final Clock clock;

    AppendScript(RedisEngineSettings settings, RedisKeys keys, EventCodec codec, Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * Appends {@code candidates}, all or nothing; first starts a new epoch if the stream went back
     * below what this node has {@code read} (null before it read any).
     *
     * @throws EngineUnavailableException when the script ran past its deadline, and did nothing
     */
    AppendResult run(RedisCommands<String, String> redis, List<Candidate> candidates, ReadPosition read) {
        List<Object> reply = SCRIPT.run(redis, ScriptOutputType.MULTI, keys(candidates), args(candidates, read));
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
