package io.incidentstream.application.message;

/** The codes of {@code error} messages. */
public enum ErrorCode {
    /** Not JSON, unknown type, missing or mistyped field, unknown enum value, bad UUID. */
    INVALID_MESSAGE,
    /** A binary frame: the protocol is text only. */
    UNSUPPORTED,
    /** Unsubscribing from a subscription that does not exist. */
    NOT_FOUND,
    /** Too many subscriptions, or a filter list too long. */
    SUBSCRIPTION_LIMIT,
    /** Too many messages per second. */
    RATE_LIMITED,
    /** Asking for what the client may not see. */
    FORBIDDEN
}
