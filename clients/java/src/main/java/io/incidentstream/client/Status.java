package io.incidentstream.client;

/**
 * The connection's state, as reported to {@link Listener#onStatus}: connecting, open (welcomed),
 * reconnecting after {@code delayMs}, or stopped. {@code code} is the close code (1006 when the
 * connection was lost), taken from the server's {@code closing} notice when there was one.
 */
public record Status(
        State state,
        int attempt,
        String sessionId,
        String epoch,
        Integer code,
        String reason,
        Closing closing,
        Long delayMs) {

    public enum State {
        CONNECTING,
        OPEN,
        RECONNECTING,
        STOPPED
    }
}
