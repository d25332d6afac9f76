package io.incidentstream.bootstrap;

import ch.qos.logback.classic.pattern.Abbreviator;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * {@code log_format=text}, the default: {@code 07:13:25.418 WARN  [main] i.i.b.IncidentStreamServer - message},
 * the local time, the level padded to five, the thread, the logger shortened to about 20
 * characters and the message, then the stack trace when there is one. A cluster node
 * ({@code engine=redis}) adds its {@code node_id} after the level.
 *
 * <p>Written out rather than given to logback as a pattern: compiling a pattern loads logback's
 * table of every converter it knows, a twentieth of the server's start-up for these four fields.
 */
final class TextLogLayout extends LayoutBase<ILoggingEvent> {

    private final Abbreviator loggerNames = new TargetLengthBasedClassNameAbbreviator(20);
    private final ZoneId zone = ZoneId.systemDefault();

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(128);
        LocalTime time = LocalTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()), zone);
        twoDigits(out, time.getHour()).append(':');
        twoDigits(out, time.getMinute()).append(':');
        twoDigits(out, time.getSecond()).append('.');
        int millis = time.getNano() / 1_000_000;
        out.append(millis < 100 ? (millis < 10 ? "00" : "0") : "")
                .append(millis)
                .append(' ');
        String level = event.getLevel().toString();
        out.append(level).append(" ".repeat(Math.max(0, 5 - level.length()))).append(' ');
        String node = getContext() == null ? null : getContext().getProperty(LogSetup.NODE_ID);
        if (node != null) {
            out.append(node).append(' ');
        }
        out.append('[').append(event.getThreadName()).append("] ");
        out.append(loggerNames.abbreviate(event.getLoggerName())).append(" - ");
        out.append(event.getFormattedMessage()).append(System.lineSeparator());
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            // Each of its lines, the last too, ends with a line separator.
            out.append(ThrowableProxyUtil.asString(thrown));
        }
        return out.toString();
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        return out.append(value < 10 ? "0" : "").append(value);
    }
}
