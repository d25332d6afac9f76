package io.incidentstream.application.alerts;

import io.incidentstream.domain.model.Severity;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How an alert's {@code severity} label becomes a {@link Severity} (setting {@code alert_severity_map}):
 * {@code P0}..{@code P4} as they are, other values through the map (compared without case, since
 * rule authors write {@code critical} and {@code Critical} alike), anything else {@code P3}.
 */
public record SeverityMap(Map<String, Severity> entries) {

    /**
     * A level as the protocol writes it, in upper case: a label that is one is taken as it is, and
     * the map's values must be one. Declared before {@link #DEFAULT}, which is parsed with it.
     */
    private static final Pattern LEVEL = Pattern.compile("P[0-4]");

    /** The default: {@code critical=P1,error=P2,warning=P3,info=P4}. */
    public static final SeverityMap DEFAULT = parse("critical=P1,error=P2,warning=P3,info=P4");

    /** What an alert without a usable severity label gets. */
    static final Severity FALLBACK = Severity.P3;

    public SeverityMap {
        Map<String, Severity> lower = new LinkedHashMap<>();
        entries.forEach((key, value) -> lower.put(key.toLowerCase(Locale.ROOT), value));
        entries = Map.copyOf(lower);
    }

    /**
     * Parses {@code label=P1,other=P2}; throws {@link IllegalArgumentException} naming the entry that
     * is not {@code name=P0..P4}, or a name given twice.
     */
    public static SeverityMap parse(String text) {
        Map<String, Severity> entries = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            String written = equals < 0 ? "" : trimmed.substring(0, equals).trim();
            String name = written.toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : trimmed.substring(equals + 1).trim();
            if (name.isEmpty() || !LEVEL.matcher(value).matches()) {
                throw new IllegalArgumentException(
                        "expected label=P0..P4 entries separated by commas, got '" + trimmed + "'");
            }
            if (LEVEL.matcher(written).matches()) {
                // Such an entry would apply to the lower-case spelling only: say so rather than surprise.
                throw new IllegalArgumentException("'" + trimmed + "' never applies: a severity label " + written
                        + " is taken as it is; write " + name + "=" + value + " for the label " + name);
            }
            if (entries.put(name, Severity.valueOf(value)) != null) {
                throw new IllegalArgumentException("'" + name + "' is mapped twice");
            }
        }
        return new SeverityMap(entries);
    }

    /** The severity for a {@code severity} label value, which may be null (no label). */
    public Severity severityOf(String label) {
        if (label == null) {
            return FALLBACK;
        }
        String value = label.trim();
        if (LEVEL.matcher(value).matches()) {
            return Severity.valueOf(value);
        }
        return entries.getOrDefault(value.toLowerCase(Locale.ROOT), FALLBACK);
    }
}
