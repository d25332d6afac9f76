package io.incidentstream.adapters.http;

/**
 * Limits and constants of the HTTP API, already validated by configuration.
 *
 * @param maxEventBytes     largest accepted event, measured as its JSON once decoded and written back
 *                          (defaults filled in); a larger one refuses the request with 413
 * @param maxRequestBytes   largest accepted request body; a larger one is refused with 413 before or
 *                          while it is read, never buffered whole
 * @param retryAfterSeconds the {@code Retry-After} sent with 503 when the stream is overloaded or
 *                          shutting down
 * @param version           the server version reported by {@code GET /health}
 * @param protectReadEndpoints whether {@code GET /api/v1/incidents[/{id}]}, {@code /api/v1/stats} and
 *                          {@code /metrics} need credentials (a publisher API key, or a subscriber
 *                          token, which also narrows what is read to its scope); health never does
 */
public record HttpSettings(
        int maxEventBytes, int maxRequestBytes, int retryAfterSeconds, String version, boolean protectReadEndpoints) {

    public static final int DEFAULT_MAX_EVENT_BYTES = 256 * 1024;
    public static final int DEFAULT_MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 1;
    public static final boolean DEFAULT_PROTECT_READ_ENDPOINTS = false;

    public HttpSettings {
        if (maxEventBytes <= 0) {
            throw new IllegalArgumentException("max_event_bytes must be positive, was " + maxEventBytes);
        }
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("max_request_bytes must be positive, was " + maxRequestBytes);
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retry_after_seconds must not be negative, was " + retryAfterSeconds);
        }
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("version is required");
        }
    }

    /** Read endpoints left open ({@link #DEFAULT_PROTECT_READ_ENDPOINTS}). */
    public HttpSettings(int maxEventBytes, int maxRequestBytes, int retryAfterSeconds, String version) {
        this(maxEventBytes, maxRequestBytes, retryAfterSeconds, version, DEFAULT_PROTECT_READ_ENDPOINTS);
    }

    /** The documented defaults, with the server's version. */
    public static HttpSettings defaults(String version) {
        return new HttpSettings(
                DEFAULT_MAX_EVENT_BYTES, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_RETRY_AFTER_SECONDS, version);
    }

    public HttpSettings withMaxEventBytes(int value) {
        return new HttpSettings(value, maxRequestBytes, retryAfterSeconds, version, protectReadEndpoints);
    }

    public HttpSettings withMaxRequestBytes(int value) {
        return new HttpSettings(maxEventBytes, value, retryAfterSeconds, version, protectReadEndpoints);
    }

    public HttpSettings withRetryAfterSeconds(int value) {
        return new HttpSettings(maxEventBytes, maxRequestBytes, value, version, protectReadEndpoints);
    }

    public HttpSettings withProtectReadEndpoints(boolean value) {
        return new HttpSettings(maxEventBytes, maxRequestBytes, retryAfterSeconds, version, value);
    }
}
