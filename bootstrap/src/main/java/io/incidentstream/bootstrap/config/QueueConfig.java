package io.incidentstream.bootstrap.config;

import java.time.Duration;

/**
 * Queues and slow consumers (settings group of that name).
 *
 * @param maxPendingMessages {@code max_pending_messages}
 * @param maxPendingBytes    {@code max_pending_bytes}
 * @param broadcastCapacity  {@code broadcast_capacity}
 * @param writeTimeout       {@code write_timeout_ms}
 */
public record QueueConfig(int maxPendingMessages, long maxPendingBytes, int broadcastCapacity, Duration writeTimeout) {}
