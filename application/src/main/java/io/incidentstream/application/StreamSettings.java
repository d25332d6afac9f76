package io.incidentstream.application;

import java.time.Duration;

/**
 * The limits and timings the stream works with, already validated by configuration.
 *
 * @param maxPendingMessages         events queued per session before lower priorities give way
 * @param maxPendingBytes            bytes of events queued per session before lower priorities give way
 * @param broadcastCapacity          events accepted but not yet dispatched; beyond, publishing is refused
 * @param maxSubscriptionsPerSession subscriptions one session may hold
 * @param maxFilterValues            values one filter list (or the label map) may hold
 * @param heartbeatInterval          how often the server sends heartbeats
 * @param shutdownRetryWindow        clients told to reconnect at shutdown pick a delay within this window
 * @param version                    the server version announced in {@code welcome}
 */
public record StreamSettings(int maxPendingMessages, long maxPendingBytes, int broadcastCapacity,
                             int maxSubscriptionsPerSession, int maxFilterValues, Duration heartbeatInterval,
                             Duration shutdownRetryWindow, String version) {

    /** The documented defaults. */
    public static StreamSettings defaults() {
        return new StreamSettings(1000, 1024 * 1024, 10_000, 100, 100, Duration.ofSeconds(30),
                Duration.ofSeconds(10), "dev");
    }

    public StreamSettings withMaxPendingMessages(int value) {
        return new StreamSettings(value, maxPendingBytes, broadcastCapacity, maxSubscriptionsPerSession,
                maxFilterValues, heartbeatInterval, shutdownRetryWindow, version);
    }

    public StreamSettings withBroadcastCapacity(int value) {
        return new StreamSettings(maxPendingMessages, maxPendingBytes, value, maxSubscriptionsPerSession,
                maxFilterValues, heartbeatInterval, shutdownRetryWindow, version);
    }

    public StreamSettings withMaxSubscriptionsPerSession(int value) {
        return new StreamSettings(maxPendingMessages, maxPendingBytes, broadcastCapacity, value,
                maxFilterValues, heartbeatInterval, shutdownRetryWindow, version);
    }
}
