package io.incidentstream.application.message;

import java.time.Instant;

/** First message of every session: who it is and where the stream stands. */
public record Welcome(
        String sessionId,
        Instant serverTime,
        String epoch,
        long seq,
        long heartbeatIntervalSecs,
        String version,
        String nodeId)
        implements ServerMessage {

    /** Without a node id (a stream not named as a cluster node). */
    public Welcome(
            String sessionId, Instant serverTime, String epoch, long seq, long heartbeatIntervalSecs, String version) {
        this(sessionId, serverTime, epoch, seq, heartbeatIntervalSecs, version, null);
    }
}
