package io.incidentstream.application.message;

import java.util.Objects;

/**
 * Sent just before the server closes a session: why, the close code that follows, whether to
 * reconnect (the code's own advice, never set apart from it) and after how long (randomised so
 * that clients do not all come back at once). Made by {@link CloseCode#closing}.
 *
 * @param retryAfterMs the suggested delay, or null for none
 */
public record Closing(CloseCode code, String reason, Long retryAfterMs) implements ServerMessage {

    public Closing {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }

    /** Whether the client should reconnect: what {@link #code} says. */
    public boolean reconnect() {
        return code.reconnect();
    }
}
