package io.incidentstream.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * At most {@link #PER_MINUTE} lines a minute from the {@code io.incidentstream.refusals} logger
 * (refused upgrades and credentials, closes for abuse): enough to see who is knocking, while a
 * flood of refused connections cannot flood the log. When a new minute starts, one line says how
 * many were left out in the last.
 */
final class RefusalLogLimit extends TurboFilter {

    static final String LOGGER = "io.incidentstream.refusals";
    static final int PER_MINUTE = 20;
    private static final long MINUTE_MILLIS = 60_000;

    private long windowStart;
    private int logged;
    private int suppressed;

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (!LOGGER.equals(logger.getName()) || format == null || format.startsWith(SUPPRESSED)) {
            return FilterReply.NEUTRAL;
        }
        int left;
        synchronized (this) {
            long now = System.currentTimeMillis();
            if (now - windowStart >= MINUTE_MILLIS) {
                left = suppressed;
                windowStart = now;
                logged = 0;
                suppressed = 0;
            } else {
                left = 0;
            }
            if (logged >= PER_MINUTE) {
                suppressed++;
                return FilterReply.DENY;
            }
            logged++;
        }
        if (left > 0) {
            logger.info(SUPPRESSED + " {} more refusals and abuse closes in the last minute", left);
        }
        return FilterReply.NEUTRAL;
    }

    private static final String SUPPRESSED = "(rate-limited)";
}
