package io.incidentstream.bootstrap.config;

import java.util.Map;

/** The validated configuration: every key of {@link Settings} with its final value. */
public final class ServerConfig {

    private final Map<String, Object> values;
    /** Where each value came from: "default", "file F", "environment variable V", "flag --f", "override". */
    private final Map<String, String> sources;

    ServerConfig(Map<String, Object> values, Map<String, String> sources) {
        this.values = Map.copyOf(values);
        this.sources = Map.copyOf(sources);
    }

    /** The defaults, with the given keys overridden (for tests and embedding). */
    public static ServerConfig defaults(Map<String, String> overrides) {
        return ConfigLoader.load(new String[0], Map.of(), overrides);
    }

    public String text(String key) {
        return (String) value(key);
    }

    public long number(String key) {
        return (Long) value(key);
    }

    public int integer(String key) {
        return Math.toIntExact(number(key));
    }

    @SuppressWarnings("unchecked")
    public java.util.List<String> list(String key) {
        return (java.util.List<String>) value(key);
    }

    public boolean flag(String key) {
        return (Boolean) value(key);
    }

    private Object value(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no setting " + key);
        }
        return value;
    }

    /** Whether the key was given somewhere (file, environment, flag or override), even if to its default. */
    public boolean isSet(String key) {
        value(key);
        return !"default".equals(sources.get(key));
    }

    /**
     * The settings given somewhere, in the table's order, as {@code key=value (from source)}; secrets
     * show only that they are set.
     */
    public java.util.List<String> describeNonDefaults() {
        java.util.List<String> lines = new java.util.ArrayList<>();
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
    public java.util.List<String> describeSources() {
        java.util.SortedMap<Integer, String> places = new java.util.TreeMap<>();
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
        return java.util.List.copyOf(places.values());
    }

    private String shown(Setting setting) {
        Object value = values.get(setting.key());
        boolean empty = "".equals(value) || java.util.List.of().equals(value);
        if (setting.isSecret() && !empty) {
            return "(hidden)";
        }
        if (setting.key().equals("redis_url")) {
            // A Redis URL may carry a password: show where it points, never the password.
            return value.toString().replaceFirst("//[^@/]*@", "//(hidden)@");
        }
        return value instanceof java.util.List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
    }

    /** Every value, except that passwords, secrets and raw API keys show only whether they are set. */
    @Override
    public String toString() {
        java.util.Map<String, Object> shown = new java.util.TreeMap<>();
        Settings.ALL.forEach(setting -> shown.put(setting.key(), shown(setting)));
        return shown.toString();
    }
}
