package io.incidentstream.application.message;

/**
 * The close codes the server picks, each carrying what it tells the client: whether to reconnect.
 * A {@link Closing} takes its {@code reconnect} from here, so a close code and its advice cannot
 * disagree (centrifuge's {@code disconnect.go} keeps its codes the same way). Codes the WebSocket
 * layer sends by itself (1002, 1007) are not listed: the server never picks them.
 */
public enum CloseCode {

    /** Normal closure. */
    NORMAL(1000, false),
    /** Server shutting down: reconnect after {@code retry_after_ms} and resume. */
    GOING_AWAY(1001, true),
    /** Policy violation: do not retry blindly. */
    POLICY_VIOLATION(1008, false),
    /** Message too big: fix the client. */
    MESSAGE_TOO_BIG(1009, false),
    /** Internal error: reconnect and resume. */
    INTERNAL_ERROR(1011, true),
    /** Service restart: the stream this node follows was reset; reconnect after {@code retry_after_ms}, resume. */
    SERVICE_RESTART(1012, true),
    /**
     * Try again later: the server, or the client's address, holds all the connections it may. Only
     * on {@code /sse}, for {@code EventSource}, which gives up for good on a 503 or 429 but comes
     * back after a stream that ends; on {@code /ws} the upgrade itself is refused.
     */
    TRY_AGAIN_LATER(1013, true),
    /** Session idle timeout: reconnect and resume. */
    IDLE_TIMEOUT(4000, true),
    /** Not authenticated, or token expired: get a new token before coming back. */
    UNAUTHENTICATED(4001, false),
    /** Slow consumer: reconnect and resume. */
    SLOW_CONSUMER(4008, true),
    /** Too many messages: reconnect, but only after backing off for {@code retry_after_ms}. */
    TOO_MANY_MESSAGES(4029, true);

    private final int code;
    private final boolean reconnect;

    CloseCode(int code, boolean reconnect) {
        this.code = code;
        this.reconnect = reconnect;
    }

    /** The number in the close frame and in {@code closing.code}. */
    public int code() {
        return code;
    }

    /** Whether a client closed with this code should connect again (and resume). */
    public boolean reconnect() {
        return reconnect;
    }

    /** The {@code closing} message announcing this code, with no suggested delay. */
    public Closing closing(String reason) {
        return new Closing(this, reason, null);
    }

    /** The {@code closing} message announcing this code, with a suggested (randomised) delay. */
    public Closing closing(String reason, long retryAfterMs) {
        return new Closing(this, reason, retryAfterMs);
    }
}
