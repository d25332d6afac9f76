package io.incidentstream.application.session;

/**
 * Inbound message rate of one session: a token bucket holding one second's allowance. A refused
 * message is answered with {@code RATE_LIMITED} at most once per second (so the replies cannot
 * become a flood of their own); a client whose messages keep being refused for {@code closeAfter}
 * seconds is abusive and is closed.
 *
 * <p>The run of refusals is measured in elapsed time from its first refusal, not in clock seconds:
 * counting clock seconds closed a client that started flooding late in a second up to two
 * seconds before the setting. A second without any refusal ends the run.
 */
final class RateLimiter {

    enum Verdict {
        /** Within the rate. */
        ALLOW,
        /** Over the rate: refuse, and tell the client. */
        REFUSE_AND_NOTIFY,
        /** Over the rate again within a second of the last notice: refuse quietly. */
        REFUSE,
        /** Over the rate for too long: close the session. Given once; later excess is refused quietly. */
        CLOSE
    }

    private static final long SECOND_MILLIS = 1000;

    private final int perSecond;
    private final long closeAfterMillis;
    private double tokens;
    private long lastRefillMillis;
    private boolean inRun;
    private long runStartMillis;
    private long lastRefusedMillis;
    private long lastNotifiedMillis;
    private boolean closeGiven;

    RateLimiter(int perSecond, int closeAfter, long nowMillis) {
        this.perSecond = perSecond;
        this.closeAfterMillis = closeAfter * SECOND_MILLIS;
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
        if (!inRun || nowMillis - lastRefusedMillis > SECOND_MILLIS) {
            inRun = true;
            runStartMillis = nowMillis;
            lastRefusedMillis = nowMillis;
            lastNotifiedMillis = nowMillis;
            return Verdict.REFUSE_AND_NOTIFY;
        }
        lastRefusedMillis = nowMillis;
        if (nowMillis - runStartMillis >= closeAfterMillis) {
            if (closeGiven) {
                // The session is closing already (its close may take a while to be reported): count it once.
                return Verdict.REFUSE;
            }
            closeGiven = true;
            return Verdict.CLOSE;
        }
        if (nowMillis - lastNotifiedMillis >= SECOND_MILLIS) {
            lastNotifiedMillis = nowMillis;
            return Verdict.REFUSE_AND_NOTIFY;
        }
        return Verdict.REFUSE;
    }
}
