package io.incidentstream.bootstrap.config;

import java.util.Map;

/** The validated configuration: every key of {@link Settings} with its final value. */
public final class ServerConfig {

    private final Map<String, Object> values;

    ServerConfig(Map<String, Object> values) {
        this.values = Map.copyOf(values);
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

    /** Every value, except that passwords, secrets and raw API keys show only whether they are set. */
    @Override
    public String toString() {
        java.util.Map<String, Object> shown = new java.util.TreeMap<>(values);
        shown.replaceAll((key, value) -> (key.endsWith("_password") || key.endsWith("_secret")
                || key.equals("api_keys")) && !"".equals(value) && !java.util.List.of().equals(value)
                ? "(hidden)" : value);
        // A Redis URL may carry a password: show where it points, never the password.
        shown.computeIfPresent("redis_url", (key, value) -> value.toString().replaceFirst("//[^@/]*@", "//(hidden)@"));
        return shown.toString();
    }
}
