package io.incidentstream.bootstrap.config;

import java.time.Duration;

/**
 * Shutdown (settings group of that name).
 *
 * @param timeout         {@code shutdown_timeout_secs}
 * @param reconnectWindow {@code shutdown_reconnect_window_secs}
 */
public record ShutdownConfig(Duration timeout, Duration reconnectWindow) {}
