package io.incidentstream.application.message;

import java.time.Instant;

/** First message of every session: who it is and where the stream stands. */
public record Welcome(String sessionId, Instant serverTime, String epoch, long seq, long heartbeatIntervalSecs,
                      String version) implements ServerMessage {
}
