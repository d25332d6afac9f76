package io.incidentstream.application.presence;

import java.time.Duration;

/**
 * Presence's bounds: how many incidents one session may watch at once, and the shortest time
 * between two {@code presence} messages about one incident.
 */
public record PresenceSettings(int maxWatchesPerSession, Duration updateInterval) {

    public PresenceSettings {
        if (maxWatchesPerSession < 1) {
            throw new IllegalArgumentException("max_watches_per_session must be at least 1");
        }
        if (updateInterval == null || updateInterval.isNegative() || updateInterval.isZero()) {
            throw new IllegalArgumentException("the presence update interval must be positive");
        }
    }

    /** 20 watches per session, one update a second per incident. */
    public static PresenceSettings defaults() {
        return new PresenceSettings(20, Duration.ofSeconds(1));
    }

    public PresenceSettings withMaxWatchesPerSession(int value) {
        return new PresenceSettings(value, updateInterval);
    }
}
