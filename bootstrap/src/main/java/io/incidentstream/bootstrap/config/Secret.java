package io.incidentstream.bootstrap.config;

/**
 * A password, shared secret or raw API key, kept exactly as given: its {@code toString} never shows
 * it, so a configuration record can be logged whole. Empty: not set.
 */
public final class Secret {

    private final String value;

    Secret(String value) {
        this.value = java.util.Objects.requireNonNull(value, "value");
    }

    /** The secret itself, for the one place that uses it. */
    public String value() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return isEmpty() ? "(empty)" : "(hidden)";
    }
}
