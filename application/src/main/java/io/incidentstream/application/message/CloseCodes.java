package io.incidentstream.application.message;

/** The WebSocket close codes the server uses, and what each tells the client. */
public final class CloseCodes {

    /** Normal closure. */
    public static final int NORMAL = 1000;
    /** Server shutting down: reconnect after {@code retry_after_ms} and resume. */
    public static final int GOING_AWAY = 1001;
    /** Policy violation: do not retry blindly. */
    public static final int POLICY_VIOLATION = 1008;
    /** Message too big. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** Service restart: the stream this node follows was reset; reconnect after {@code retry_after_ms}, resume. */
    public static final int SERVICE_RESTART = 1012;
    /** Internal error: reconnect and resume. */
    public static final int INTERNAL_ERROR = 1011;
    /** Session idle timeout: reconnect and resume. */
    public static final int IDLE_TIMEOUT = 4000;
    /** Not authenticated, or token expired: get a new token. */
    public static final int UNAUTHENTICATED = 4001;
    /** Slow consumer: reconnect and resume. */
    public static final int SLOW_CONSUMER = 4008;
    /** Too many messages: back off. */
    public static final int TOO_MANY_MESSAGES = 4029;

    private CloseCodes() {
    }
}
