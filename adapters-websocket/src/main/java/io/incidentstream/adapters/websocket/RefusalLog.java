package io.incidentstream.adapters.websocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refused subscribers, logged at INFO on the {@code io.incidentstream.refusals} logger, which the
 * server rate-limits (a flood of refused connections must not flood the log): the address, what was
 * answered and why, never the token itself. One line per refusal, on {@code /ws} and {@code /sse}
 * alike, decided where the refusal is.
 */
public final class RefusalLog {

    private static final Logger REFUSALS = LoggerFactory.getLogger("io.incidentstream.refusals");

    private RefusalLog() {}

    /** A refused WebSocket upgrade or SSE request, answered with an HTTP status. */
    public static void refused(String what, String address, int status, String code, String reason) {
        REFUSALS.info("refused {} from {}: {} {} ({})", what, address, status, code, reason);
    }

    /** A browser's refused token on {@code /ws}: upgraded only to be told so, with {@code closing} and {@code code}. */
    public static void refusedInSession(String address, int code, String reason) {
        REFUSALS.info("refused WebSocket session from {}: closing {} UNAUTHENTICATED ({})", address, code, reason);
    }
}
