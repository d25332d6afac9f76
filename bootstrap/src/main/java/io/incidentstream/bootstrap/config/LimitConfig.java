package io.incidentstream.bootstrap.config;

/**
 * Limits per client and request (settings group of that name).
 *
 * @param maxMessagesPerSecond      {@code max_messages_per_sec}
 * @param rateLimitCloseAfterSeconds {@code rate_limit_close_after_secs}: consecutive rate-limited seconds
 * @param maxConnections            {@code max_connections}
 * @param maxConnectionsPerAddress  {@code max_connections_per_address}
 * @param maxMessageBytes           {@code max_message_bytes}
 * @param maxSubscriptionsPerSession {@code max_subscriptions_per_session}
 * @param maxFilterValues           {@code max_filter_values}
 * @param maxEventBytes             {@code max_event_bytes}
 * @param maxRequestBytes           {@code max_request_bytes}
 */
public record LimitConfig(
        int maxMessagesPerSecond,
        int rateLimitCloseAfterSeconds,
        int maxConnections,
        int maxConnectionsPerAddress,
        long maxMessageBytes,
        int maxSubscriptionsPerSession,
        int maxFilterValues,
        int maxEventBytes,
        int maxRequestBytes) {}
