package io.incidentstream.bootstrap;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;

/**
 * {@code log_format=json}: one JSON object per line, {@code timestamp} (RFC 3339, UTC), {@code level},
 * {@code logger}, {@code thread}, {@code message} and, when there is one, {@code exception} (the
 * stack trace as one string), so that a log shipper needs no multi-line parsing. A cluster node
 * ({@code engine=redis}) adds {@code node_id} after the level.
 */
final class JsonLogLayout extends LayoutBase<ILoggingEvent> {

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"timestamp\":\"")
                .append(Instant.ofEpochMilli(event.getTimeStamp()))
                .append('"');
        field(out, "level", event.getLevel().toString());
        String node = getContext() == null ? null : getContext().getProperty(LogSetup.NODE_ID);
        if (node != null) {
            field(out, "node_id", node);
        }
        field(out, "logger", event.getLoggerName());
        field(out, "thread", event.getThreadName());
        field(out, "message", event.getFormattedMessage());
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            field(out, "exception", ThrowableProxyUtil.asString(thrown));
        }
        return out.append("}\n").toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(",\"").append(name).append("\":");
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
