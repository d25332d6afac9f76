package io.incidentstream.bootstrap.config;

import java.util.function.Function;

/**
 * One configuration key: its name, default, what it means, what it accepts (for {@code --help}), and
 * how its text is turned into a value (throwing {@link IllegalArgumentException} with a message saying
 * what was expected).
 */
record Setting(String key, String defaultValue, String description, String accepts, Function<String, Object> parser) {

    static Setting integer(String key, long defaultValue, long min, long max, String description) {
        return new Setting(key, Long.toString(defaultValue), description, min + ".." + max, text -> {
            long value;
            try {
                value = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
            }
            return value;
        });
    }

    static Setting bool(String key, boolean defaultValue, String description) {
        return new Setting(key, Boolean.toString(defaultValue), description, "true|false", text -> {
            String value = text.trim().toLowerCase(java.util.Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                throw new IllegalArgumentException("expected true or false");
            }
            return Boolean.parseBoolean(value);
        });
    }

    static Setting text(String key, String defaultValue, String description) {
        return new Setting(key, defaultValue, description, "text", text -> {
            if (text.isBlank()) {
                throw new IllegalArgumentException("expected a non-empty value");
            }
            return text.trim();
        });
    }

    /** Text that may be left empty (empty: the feature it configures is off). */
    static Setting optionalText(String key, String description) {
        return new Setting(key, "", description, "text", String::trim);
    }

    /**
     * Like {@link #optionalText} but kept exactly as given (a password may start or end with a
     * space); name such keys {@code *_password} or {@code *_secret} so that {@link ServerConfig}
     * never shows their values.
     */
    static Setting secret(String key, String description) {
        return new Setting(key, "", description, "secret", text -> text);
    }

    /**
     * A comma-separated list, possibly empty; each element checked, and written as the server
     * compares it, by {@code element}. Empty elements are skipped (a trailing comma is harmless),
     * but a value of only commas is refused: it reads as set and would leave the list empty.
     */
    static Setting list(String key, String description, java.util.function.UnaryOperator<String> element) {
        return new Setting(key, "", description, "list", text -> {
            java.util.List<String> values = java.util.Arrays.stream(text.split(","))
                    .map(String::trim)
                    .filter(value -> !value.isEmpty())
                    .toList();
            if (values.isEmpty() && !text.isBlank()) {
                throw new IllegalArgumentException("expected comma-separated values, got only commas");
            }
            return values.stream().map(element).toList();
        });
    }

    /** One of {@code choices}, compared without regard to case and kept in lower case. */
    static Setting choice(String key, String defaultValue, String description, String... choices) {
        java.util.List<String> allowed = java.util.List.of(choices);
        return new Setting(key, defaultValue, description, String.join("|", allowed), text -> {
            String value = text.trim().toLowerCase(java.util.Locale.ROOT);
            if (!allowed.contains(value)) {
                throw new IllegalArgumentException("expected one of " + String.join(", ", allowed));
            }
            return value;
        });
    }

    /** Passwords, secrets and raw API keys: never shown, only whether they are set. */
    boolean isSecret() {
        return key.endsWith("_password") || key.endsWith("_secret") || key.equals("api_keys");
    }

    /** The environment variable that sets this key. */
    String environmentVariable() {
        return "INCIDENT_STREAM_" + key.toUpperCase(java.util.Locale.ROOT);
    }

    /** The command-line flag that sets this key. */
    String flag() {
        return "--" + key.replace('_', '-');
    }
}
