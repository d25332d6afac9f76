package io.incidentstream.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * The HTTP API refused a request: {@code status} and the error envelope's {@code code}, e.g. 400
 * {@code INVALID_EVENT}, 401 {@code UNAUTHENTICATED}, 403 {@code FORBIDDEN}, 404 {@code NOT_FOUND},
 * 413 {@code EVENT_TOO_LARGE}, 503 {@code OVERLOADED} (see docs/openapi.json). A refused request
 * published nothing.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient JsonNode details;
    private final Duration retryAfter;

    public ApiException(int status, String code, String message, JsonNode details, Duration retryAfter) {
        super(status + " " + code + ": " + message);
        this.status = status;
        this.code = code;
        this.details = details;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The envelope's details (e.g. {@code {"field": "[1].severity"}}), or null. */
    public JsonNode details() {
        return details;
    }

    /** From {@code Retry-After} on a 503, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** 503: the server could not take the request now; the same request may succeed after {@link #retryAfter()}. */
    public boolean retryable() {
        return status == 503;
    }

    /** The field an INVALID_* refusal names (e.g. {@code title}, {@code [1].to_severity}), or null. */
    public String field() {
        return details == null || !details.hasNonNull("field")
                ? null
                : details.get("field").asText();
    }
}
