package io.incidentstream.bootstrap.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the configuration holds and where each value came from, as the start-up banner shows it:
 * passwords, secrets and raw API keys show only whether they are set.
 */
public final class ConfigReport {

    private final Map<String, Object> values;
    /** Where each value came from: "default", "file F", "environment variable V", "flag --f", "override". */
    private final Map<String, String> sources;

    ConfigReport(Map<String, Object> values, Map<String, String> sources) {
        this.values = Map.copyOf(values);
        this.sources = Map.copyOf(sources);
    }

    /** Whether the key was given somewhere (file, environment, flag or override), even if to its default. */
    private boolean isSet(String key) {
        return !"default".equals(sources.get(key));
    }

    /**
     * The settings given somewhere, in the table's order, as {@code key=value (from source)}; secrets
     * show only that they are set.
     */
    public List<String> describeNonDefaults() {
        List<String> lines = new ArrayList<>();
        for (Setting setting : Settings.ALL) {
            if (isSet(setting.key())) {
                lines.add(setting.key() + "=" + shown(setting) + " (from " + sources.get(setting.key()) + ")");
            }
        }
        return lines;
    }

    /**
     * The distinct places the values came from, in rising precedence, e.g.
     * {@code [defaults, file /etc/x.conf, environment, flags]}.
     */
    public List<String> describeSources() {
        SortedMap<Integer, String> places = new TreeMap<>();
        places.put(0, "defaults");
        for (String source : sources.values()) {
            if (source.startsWith("file ")) {
                places.put(1, source);
            } else if (source.startsWith("environment")) {
                places.put(2, "environment");
            } else if (source.startsWith("flag")) {
                places.put(3, "flags");
            } else if (!"default".equals(source)) {
                places.put(4, source);
            }
        }
        return List.copyOf(places.values());
    }

    private String shown(Setting setting) {
        Object value = values.get(setting.key());
        boolean empty = "".equals(value) || List.of().equals(value);
        if (setting.isSecret() && !empty) {
            return "(hidden)";
        }
        if (setting.key().equals("redis_url")) {
            // A Redis URL may carry a password: show where it points, never the password.
            return value.toString().replaceFirst("//[^@/]*@", "//(hidden)@");
        }
        return value instanceof List<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
    }

    /** Every value, except that passwords, secrets and raw API keys show only whether they are set. */
    @Override
    public String toString() {
        Map<String, Object> shown = new TreeMap<>();
        Settings.ALL.forEach(setting -> shown.put(setting.key(), shown(setting)));
        return shown.toString();
    }
}
