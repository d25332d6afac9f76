package io.incidentstream.application.settings;

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
 * @param sessionTimeout             a session with no inbound frame for this long is closed (4000)
 * @param writeTimeout               a session whose socket accepts no write for this long is closed (4008)
 * @param maxMessagesPerSecond       inbound messages one session may send per second (RATE_LIMITED beyond)
 * @param rateLimitCloseAfter        a session rate-limited in this many consecutive seconds is closed (4029)
 * @param maxConnections             WebSocket connections in total; beyond, upgrades are refused (503)
 * @param maxConnectionsPerAddress   WebSocket connections from one client address; beyond, refused (429)
 * @param historyCapacity            events kept for resuming subscribers
 * @param historyTtl                 how long events are kept for resuming subscribers
 * @param maxIncidents               incidents the view keeps (filters, snapshots, read API)
 * @param closedIncidentRetention    how long resolved and closed incidents stay in the view
 * @param snapshotPageSize           incidents per {@code snapshot} message
 * @param shutdownRetryWindow        clients told to reconnect at shutdown pick a delay within this window
 * @param version                    the server version announced in {@code welcome}
 * @param nodeId                     this node's name in a cluster, announced in {@code welcome}; may be null
 */
public record StreamSettings(
        int maxPendingMessages,
        long maxPendingBytes,
        int broadcastCapacity,
        int maxSubscriptionsPerSession,
        int maxFilterValues,
        Duration heartbeatInterval,
        Duration sessionTimeout,
        Duration writeTimeout,
        int maxMessagesPerSecond,
        int rateLimitCloseAfter,
        int maxConnections,
        int maxConnectionsPerAddress,
        int historyCapacity,
        Duration historyTtl,
        int maxIncidents,
        Duration closedIncidentRetention,
        int snapshotPageSize,
        Duration shutdownRetryWindow,
        String version,
        String nodeId) {

    /** The documented defaults. */
    public static StreamSettings defaults() {
        return new Builder().build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public StreamSettings withMaxPendingMessages(int value) {
        return toBuilder().maxPendingMessages(value).build();
    }

    public StreamSettings withBroadcastCapacity(int value) {
        return toBuilder().broadcastCapacity(value).build();
    }

    public StreamSettings withMaxSubscriptionsPerSession(int value) {
        return toBuilder().maxSubscriptionsPerSession(value).build();
    }

    /** Settings one at a time, starting from the defaults. */
    public static final class Builder {
        private int maxPendingMessages = 1000;
        private long maxPendingBytes = 1024 * 1024;
        private int broadcastCapacity = 10_000;
        private int maxSubscriptionsPerSession = 100;
        private int maxFilterValues = 100;
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private Duration sessionTimeout = Duration.ofSeconds(300);
        private Duration writeTimeout = Duration.ofSeconds(15);
        private int maxMessagesPerSecond = 100;
        private int rateLimitCloseAfter = 10;
        private int maxConnections = 10_000;
        private int maxConnectionsPerAddress = 1000;
        private int historyCapacity = 10_000;
        private Duration historyTtl = Duration.ofHours(1);
        private int maxIncidents = 100_000;
        private Duration closedIncidentRetention = Duration.ofHours(24);
        private int snapshotPageSize = 100;
        private Duration shutdownRetryWindow = Duration.ofSeconds(10);
        private String version = "dev";
        private String nodeId;

        public Builder() {}

        private Builder(StreamSettings from) {
            maxPendingMessages = from.maxPendingMessages;
            maxPendingBytes = from.maxPendingBytes;
            broadcastCapacity = from.broadcastCapacity;
            maxSubscriptionsPerSession = from.maxSubscriptionsPerSession;
            maxFilterValues = from.maxFilterValues;
            heartbeatInterval = from.heartbeatInterval;
            sessionTimeout = from.sessionTimeout;
            writeTimeout = from.writeTimeout;
            maxMessagesPerSecond = from.maxMessagesPerSecond;
            rateLimitCloseAfter = from.rateLimitCloseAfter;
            maxConnections = from.maxConnections;
            maxConnectionsPerAddress = from.maxConnectionsPerAddress;
            historyCapacity = from.historyCapacity;
            historyTtl = from.historyTtl;
            maxIncidents = from.maxIncidents;
            closedIncidentRetention = from.closedIncidentRetention;
            snapshotPageSize = from.snapshotPageSize;
            shutdownRetryWindow = from.shutdownRetryWindow;
            version = from.version;
            nodeId = from.nodeId;
        }

        public Builder maxPendingMessages(int value) {
            maxPendingMessages = value;
            return this;
        }

        public Builder maxPendingBytes(long value) {
            maxPendingBytes = value;
            return this;
        }

        public Builder broadcastCapacity(int value) {
            broadcastCapacity = value;
            return this;
        }

        public Builder maxSubscriptionsPerSession(int value) {
            maxSubscriptionsPerSession = value;
            return this;
        }

        public Builder maxFilterValues(int value) {
            maxFilterValues = value;
            return this;
        }

        public Builder heartbeatInterval(Duration value) {
            heartbeatInterval = value;
            return this;
        }

        public Builder sessionTimeout(Duration value) {
            sessionTimeout = value;
            return this;
        }

        public Builder writeTimeout(Duration value) {
            writeTimeout = value;
            return this;
        }

        public Builder maxMessagesPerSecond(int value) {
            maxMessagesPerSecond = value;
            return this;
        }

        public Builder rateLimitCloseAfter(int value) {
            rateLimitCloseAfter = value;
            return this;
        }

        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        public Builder maxConnectionsPerAddress(int value) {
            maxConnectionsPerAddress = value;
            return this;
        }

        public Builder historyCapacity(int value) {
            historyCapacity = value;
            return this;
        }

        public Builder historyTtl(Duration value) {
            historyTtl = value;
            return this;
        }

        public Builder maxIncidents(int value) {
            maxIncidents = value;
            return this;
        }

        public Builder closedIncidentRetention(Duration value) {
            closedIncidentRetention = value;
            return this;
        }

        public Builder snapshotPageSize(int value) {
            snapshotPageSize = value;
            return this;
        }

        public Builder shutdownRetryWindow(Duration value) {
            shutdownRetryWindow = value;
            return this;
        }

        public Builder version(String value) {
            version = value;
            return this;
        }

        public Builder nodeId(String value) {
            nodeId = value;
            return this;
        }

        public StreamSettings build() {
            return new StreamSettings(
                    maxPendingMessages,
                    maxPendingBytes,
                    broadcastCapacity,
                    maxSubscriptionsPerSession,
                    maxFilterValues,
                    heartbeatInterval,
                    sessionTimeout,
                    writeTimeout,
                    maxMessagesPerSecond,
                    rateLimitCloseAfter,
                    maxConnections,
                    maxConnectionsPerAddress,
                    historyCapacity,
                    historyTtl,
                    maxIncidents,
                    closedIncidentRetention,
                    snapshotPageSize,
                    shutdownRetryWindow,
                    version,
                    nodeId);
        }
    }
}
