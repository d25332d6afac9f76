package io.incidentstream.adapters.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * How the Redis engine reaches Redis and bounds what it keeps there.
 *
 * @param url              {@code redis://[:password@]host:port/db} or {@code rediss://} for TLS
 * @param keyPrefix        every key this stream uses starts with it; nodes with the same prefix share a stream
 * @param streamLength     events the Redis stream keeps: a node further behind than this resets its
 *                         sessions (see {@link #streamLengthFor})
 * @param historyTtl       the stream expires after this long without a publish
 * @param maxIncidents     incidents the view keeps
 * @param closedRetention  how long resolved and closed incidents stay in the view
 * @param commandTimeout   a command not answered within this fails; an append is then asked again for as long
 *     once more before ingest answers 503 ({@link AppendScript})
 * @param connectWait      how long start-up retries the first connection before giving up
 */
public record RedisEngineSettings(
        String url,
        String keyPrefix,
        int streamLength,
        Duration historyTtl,
        int maxIncidents,
        Duration closedRetention,
        Duration commandTimeout,
        Duration connectWait) {

    /** Below this, a node that pauses briefly under load would fall off the stream and reset its sessions. */
    public static final int MIN_STREAM_LENGTH = 1000;

    public RedisEngineSettings {
        Objects.requireNonNull(url, "url");
        if (keyPrefix == null || keyPrefix.isBlank()) {
            throw new IllegalArgumentException("keyPrefix must not be blank");
        }
        Objects.requireNonNull(connectWait, "connectWait");
    }

    /** Settings whose first connection is tried once, with no wait (tests, tools). */
    public RedisEngineSettings(
            String url,
            String keyPrefix,
            int streamLength,
            Duration historyTtl,
            int maxIncidents,
            Duration closedRetention,
            Duration commandTimeout) {
        this(url, keyPrefix, streamLength, historyTtl, maxIncidents, closedRetention, commandTimeout, Duration.ZERO);
    }

    /**
     * The stream keeps {@code history_capacity} events for resuming clients, and never fewer than the
     * nodes themselves need to follow it: {@link #MIN_STREAM_LENGTH}, and one whole batch or burst as
     * large as the dispatch queue takes ({@code broadcast_capacity}). With less, a batch larger than
     * the stream would be trimmed before any node read its first events, and every node would reset
     * its sessions instead of delivering it.
     */
    public static int streamLengthFor(int historyCapacity, int broadcastCapacity) {
        return Math.max(MIN_STREAM_LENGTH, Math.max(historyCapacity, broadcastCapacity));
    }
}
