package io.incidentstream.bootstrap.config;

import java.time.Duration;

/**
 * Sessions and heartbeats (settings group of that name).
 *
 * @param heartbeatInterval {@code heartbeat_interval_secs}
 * @param sessionTimeout    {@code session_timeout_secs}
 * @param cleanupInterval   {@code cleanup_interval_secs}
 */
public record SessionConfig(Duration heartbeatInterval, Duration sessionTimeout, Duration cleanupInterval) {}
