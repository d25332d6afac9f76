package io.incidentstream.bootstrap.config;

/**
 * Presence (settings group of that name).
 *
 * @param maxWatchesPerSession {@code max_watches_per_session}
 */
public record PresenceConfig(int maxWatchesPerSession) {}
