package io.incidentstream.adapters.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.UUID;

/**
 * Redis holds less of an epoch than a node has read: it went back to older data (restarted from an
 * older snapshot, a restored backup). Its seqs would be handed out a second time, for other events;
 * so the stream starts a new epoch (unless another node started one first), which every node and
 * client treats as a lost stream (rollback.lua).
 */
final class WentBack {

    private static final System.Logger LOG = System.getLogger(RedisStreamEngine.class.getName());
    private static final LuaScript ROLLBACK = new LuaScript("rollback");

    private WentBack() {}

    /**
     * Starts the new epoch if Redis's stream of {@code epoch} is still below {@code readUpTo}, and says
     * so in the log; returns the stream's epoch after the check (null when it has none).
     */
    static String newEpoch(
            RedisCommands<String, String> redis, RedisKeys keys, String epoch, long readUpTo, long streamSeq) {
        String next = ROLLBACK.run(
                redis,
                ScriptOutputType.VALUE,
                new String[] {keys.meta(), keys.stream()},
                epoch,
                Long.toString(readUpTo),
                UUID.randomUUID().toString());
        String outcome = epoch.equals(next)
                ? "it has grown past that again, so the epoch stays: seqs up to it may repeat delivered ones"
                : "the stream continues in a new epoch, " + next;
        LOG.log(
                System.Logger.Level.WARNING,
                "Redis went back to older data: its stream of epoch " + epoch + " ends at seq " + streamSeq
                        + ", below seq " + readUpTo + " this node had read (an older snapshot, or a restored backup); "
                        + outcome);
        return next;
    }
}
