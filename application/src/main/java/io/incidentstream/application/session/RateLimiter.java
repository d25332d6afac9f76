package io.incidentstream.application.session;

/**
 * Inbound message rate of one session: a token bucket holding one second's allowance. A refused
 * message is answered with {@code RATE_LIMITED} at most once per second (so the replies cannot
 * become a flood of their own); a client refused in {@code closeAfter} consecutive seconds is
 * abusive and is closed.
 */
final class RateLimiter {

    enum Verdict {
        /** Within the rate. */
        ALLOW,
        /** Over the rate: refuse, and tell the client. */
        REFUSE_AND_NOTIFY,
        /** Over the rate again within the same second: refuse quietly. */
        REFUSE,
        /** Over the rate for too long: close the session. Given once; later excess is refused quietly. */
        CLOSE
    }

    private final int perSecond;
    private final int closeAfter;
    private double tokens;
    private long lastRefillMillis;
    private long lastRefusedSecond = Long.MIN_VALUE;
    private int consecutiveSeconds;
    private boolean closeGiven;

    RateLimiter(int perSecond, int closeAfter, long nowMillis) {
        this.perSecond = perSecond;
        this.closeAfter = closeAfter;
        this.tokens = perSecond;
        this.lastRefillMillis = nowMillis;
    }

    synchronized Verdict check(long nowMillis) {
        long elapsed = Math.max(0, nowMillis - lastRefillMillis);
        tokens = Math.min(perSecond, tokens + elapsed * perSecond / 1000.0);
        lastRefillMillis = nowMillis;
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.ALLOW;
        }
        long second = Math.floorDiv(nowMillis, 1000);
        if (second == lastRefusedSecond) {
            return Verdict.REFUSE;
        }
        consecutiveSeconds = second == lastRefusedSecond + 1 ? consecutiveSeconds + 1 : 1;
        lastRefusedSecond = second;
        if (consecutiveSeconds < closeAfter) {
            return Verdict.REFUSE_AND_NOTIFY;
        }
        if (closeGiven) {
            // The session is closing already (its close may take a while to be reported): count it once.
            return Verdict.REFUSE;
        }
        closeGiven = true;
        return Verdict.CLOSE;
    }
}
