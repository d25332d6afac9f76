package io.incidentstream.application.message;

/**
 * Sent just before the server closes a session: why, the close code that follows, whether to
 * reconnect and after how long (randomised so that clients do not all come back at once).
 */
public record Closing(String reason, int code, boolean reconnect, Long retryAfterMs) implements ServerMessage {
}
