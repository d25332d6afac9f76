package io.incidentstream.bootstrap.config;

import java.time.Duration;

/**
 * Server-Sent Events and HTTP/2 (settings group of that name).
 *
 * @param sseRetry     {@code sse_retry_ms}: base of the retry delay each /sse stream opens with
 * @param http2Enabled {@code http2_enabled}
 */
public record SseAndHttp2Config(Duration sseRetry, boolean http2Enabled) {}
