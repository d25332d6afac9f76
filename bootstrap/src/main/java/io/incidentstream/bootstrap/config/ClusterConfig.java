package io.incidentstream.bootstrap.config;

import java.time.Duration;

/**
 * Where the stream lives, and the Redis that a cluster shares (settings group "Cluster").
 *
 * @param engine           {@code engine}
 * @param redisUrl         {@code redis_url}; may carry a password, so never log it
 * @param redisKeyPrefix   {@code redis_key_prefix}
 * @param redisTimeout     {@code redis_timeout_ms}
 * @param redisConnectWait {@code redis_connect_wait_secs}
 * @param nodeId           {@code node_id}; empty: the host name and a random suffix
 */
public record ClusterConfig(
        Engine engine,
        String redisUrl,
        String redisKeyPrefix,
        Duration redisTimeout,
        Duration redisConnectWait,
        String nodeId) {

    /** The values of {@code engine}. */
    public enum Engine {
        /** This node alone. */
        MEMORY,
        /** Every node with the same Redis and key prefix serves one stream. */
        REDIS
    }

    /** Whether other nodes share the stream (engine=redis). */
    public boolean shared() {
        return engine == Engine.REDIS;
    }
}
