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
 */
public record HttpSettings(int maxEventBytes, int maxRequestBytes, int retryAfterSeconds, String version) {

    public static final int DEFAULT_MAX_EVENT_BYTES = 256 * 1024;
    public static final int DEFAULT_MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 1;

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

    /** The documented defaults, with the server's version. */
    public static HttpSettings defaults(String version) {
        return new HttpSettings(DEFAULT_MAX_EVENT_BYTES, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_RETRY_AFTER_SECONDS,
                version);
    }

    public HttpSettings withMaxEventBytes(int value) {
        return new HttpSettings(value, maxRequestBytes, retryAfterSeconds, version);
    }

    public HttpSettings withMaxRequestBytes(int value) {
        return new HttpSettings(maxEventBytes, value, retryAfterSeconds, version);
    }

    public HttpSettings withRetryAfterSeconds(int value) {
        return new HttpSettings(maxEventBytes, maxRequestBytes, value, version);
    }
}
