package io.incidentstream.adapters.http;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * One HTTP error, as it goes on the wire: {@code {"error":{"code","message","details"}}} with a
 * status and any extra headers. The static factories are the API's code catalogue: every error the
 * adapter sends is made here, so the codes stay few and documented.
 *
 * @param details small JSON-able values (strings, numbers, booleans, lists of those), or null
 * @param headers extra response headers, e.g. {@code Allow}, {@code Retry-After}
 */
public record ApiError(
        int status, String code, String message, Map<String, Object> details, Map<String, String> headers) {

    public ApiError {
        details = details == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(details));
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    private static ApiError of(int status, String code, String message, Map<String, Object> details) {
        return new ApiError(status, code, message, details, null);
    }

    /** The body is not JSON at all (syntax, encoding, empty, too deeply nested). */
    public static ApiError invalidJson(String message) {
        return of(400, "INVALID_JSON", message, null);
    }

    /**
     * JSON that is not a valid document of the expected kind; {@code code} is {@code INVALID_EVENT},
     * {@code INVALID_INCIDENT}, {@code INVALID_ALERT} or {@code INVALID_NOTIFICATION}, and {@code field}
     * the path of the culprit or null.
     */
    public static ApiError invalidDocument(String code, String field, String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", field);
        return of(400, code, message, details);
    }

    /** A query parameter or path segment the API cannot use. */
    public static ApiError invalidParameter(String parameter, String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("parameter", parameter);
        return of(400, "INVALID_PARAMETER", message, details);
    }

    /** The request could not be read as HTTP the API understands (bad query encoding, broken body). */
    public static ApiError badRequest(String message) {
        return of(400, "BAD_REQUEST", message, null);
    }

    /**
     * A plain request to the WebSocket endpoint: 400. An upgrade in a WebSocket version other than 13
     * (the only one of RFC 6455) reaches here too, since the upgrade handler passes it on: 426 with
     * {@code Sec-WebSocket-Version: 13}, as the RFC asks, so the client can retry in that version
     * (and {@code Upgrade: websocket}, which RFC 9110 asks of every 426).
     *
     * @param upgrade the request's {@code Upgrade}, or null
     * @param version the request's {@code Sec-WebSocket-Version}, or null
     */
    public static ApiError upgradeRequired(String path, String upgrade, String version) {
        if (upgrade != null
                && "websocket".equalsIgnoreCase(upgrade.trim())
                && version != null
                && !"13".equals(version.trim())) {
            return new ApiError(
                    426,
                    "UPGRADE_REQUIRED",
                    "WebSocket version " + version + " is not supported: this server speaks version 13 (RFC 6455)",
                    null,
                    Map.of("Sec-WebSocket-Version", "13", "Upgrade", "websocket"));
        }
        return of(
                400,
                "UPGRADE_REQUIRED",
                path + " is the WebSocket endpoint: connect with a WebSocket client"
                        + " (Upgrade: websocket), e.g. ws://host:port" + path,
                null);
    }

    /**
     * No credentials were presented where they are required: 401 with {@code WWW-Authenticate: Bearer}
     * (RFC 6750), so that clients know to send {@code Authorization: Bearer <credential>}.
     */
    public static ApiError unauthenticated(String message) {
        return new ApiError(401, "UNAUTHENTICATED", message, null, Map.of("WWW-Authenticate", "Bearer"));
    }

    /** The presented credentials are not good for this request (unknown key, refused token, wrong kind). */
    public static ApiError forbidden(String message) {
        return of(403, "FORBIDDEN", message, null);
    }

    public static ApiError notFound(String message) {
        return of(404, "NOT_FOUND", message, null);
    }

    public static ApiError methodNotAllowed(String method, String path, Collection<String> allowed) {
        String allow = String.join(", ", new TreeSet<>(allowed));
        return new ApiError(
                405,
                "METHOD_NOT_ALLOWED",
                method + " is not allowed on " + path + " (allowed: " + allow + ")",
                null,
                Map.of("Allow", allow));
    }

    public static ApiError payloadTooLarge(long limit) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("max_request_bytes", limit);
        return of(413, "PAYLOAD_TOO_LARGE", "the request body is larger than " + limit + " bytes", details);
    }

    /** One event of a request is over {@code max_event_bytes}; {@code index} is its place in the batch. */
    public static ApiError eventTooLarge(int index, int size, int limit) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("index", index);
        details.put("size_bytes", size);
        details.put("max_event_bytes", limit);
        return of(
                413,
                "EVENT_TOO_LARGE",
                "event [" + index + "] is " + size + " bytes as JSON, over the limit of " + limit + " bytes",
                details);
    }

    /** A notification with more alerts than the intake takes at once ({@code alert_max_per_notification}). */
    public static ApiError tooManyAlerts(int alerts, int limit) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("alerts", alerts);
        details.put("max_alerts", limit);
        return of(
                413,
                "TOO_MANY_ALERTS",
                "the notification has " + alerts + " alerts, over the limit of " + limit
                        + " (set max_alerts in the webhook receiver)",
                details);
    }

    /** An event made from the alert at {@code index} of a notification is over {@code max_event_bytes}. */
    public static ApiError alertTooLarge(int index, int size, int limit) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", "alerts[" + index + "]");
        details.put("size_bytes", size);
        details.put("max_event_bytes", limit);
        return of(
                413,
                "EVENT_TOO_LARGE",
                "alerts[" + index + "] makes an event of " + size + " bytes as JSON, over the limit of " + limit
                        + " bytes",
                details);
    }

    public static ApiError batchTooLarge(String message) {
        return of(413, "BATCH_TOO_LARGE", message, null);
    }

    public static ApiError unsupportedMediaType(String given) {
        return of(
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                "the body must be sent as Content-Type: application/json" + " (UTF-8), got "
                        + (given == null ? "no Content-Type" : "'" + given + "'"),
                null);
    }

    /** The stream refused the publish for now; the client should retry after {@code retryAfterSeconds}. */
    public static ApiError unavailable(String code, String message, int retryAfterSeconds) {
        return new ApiError(503, code, message, null, Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    /**
     * A 503 whose batch may have been stored nonetheless (the engine lost the connection after
     * sending it, or its answer did not come in time): {@code details.may_have_been_published} says so to programs, which should not
     * retry blindly.
     */
    public static ApiError mayHaveBeenPublished(String code, String message, int retryAfterSeconds) {
        return new ApiError(
                503,
                code,
                message,
                Map.of("may_have_been_published", true),
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    public static ApiError internal() {
        return of(500, "INTERNAL_ERROR", "the server failed to handle the request; it has been logged", null);
    }
}
