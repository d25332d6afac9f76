package io.incidentstream.application.message;

/** A client error, reported without closing the connection; {@code subscriptionId} may be null. */
public record ErrorMessage(ErrorCode code, String message, String subscriptionId) implements ServerMessage {

    public ErrorMessage(ErrorCode code, String message) {
        this(code, message, null);
    }
}
