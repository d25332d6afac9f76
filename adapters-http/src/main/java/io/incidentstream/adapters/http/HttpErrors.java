package io.incidentstream.adapters.http;

import io.incidentstream.application.port.in.PublishResult;
import io.incidentstream.codec.json.Json;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps everything that can go wrong in a request to an {@link ApiError}, and writes the error
 * envelope. The one place where failures become HTTP.
 */
final class HttpErrors {

    private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

    private HttpErrors() {}

    /** The error for a failure thrown while handling a request: ours, Jetty's, or a fault. */
    static ApiError of(Throwable failure, String method, String path) {
        if (failure instanceof ApiException api) {
            return api.error();
        }
        if (failure instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
            // Jetty refusing what the client sent, e.g. a query string that is not valid %-encoding.
            return ApiError.badRequest(http.getReason() != null ? http.getReason() : "malformed request");
        }
        LOG.error("{} {} failed", method, path, failure);
        return ApiError.internal();
    }

    /** The error for a publish the stream refused; nothing was published, unless its details say it may have been. */
    static ApiError rejected(PublishResult.Rejected rejected, int retryAfterSeconds) {
        return switch (rejected.reason()) {
            case OVERLOADED -> ApiError.unavailable("OVERLOADED", rejected.message(), retryAfterSeconds);
            case SHUTTING_DOWN -> ApiError.unavailable("SHUTTING_DOWN", rejected.message(), retryAfterSeconds);
            case ENGINE_UNAVAILABLE ->
                rejected.mayHaveBeenPublished()
                        ? ApiError.mayHaveBeenPublished("ENGINE_UNAVAILABLE", rejected.message(), retryAfterSeconds)
                        : ApiError.unavailable("ENGINE_UNAVAILABLE", rejected.message(), retryAfterSeconds);
            case BATCH_TOO_LARGE -> ApiError.batchTooLarge(rejected.message());
        };
    }

    /** {@code {"error":{"code":..,"message":..,"details":..}}} */
    static byte[] envelope(ApiError error) {
        return Json.writeLine(out -> {
            out.writeStartObject();
            out.writeObjectFieldStart("error");
            out.writeStringField("code", error.code());
            out.writeStringField("message", error.message());
            out.writeFieldName("details");
            Json.writeValue(out, error.details());
            out.writeEndObject();
            out.writeEndObject();
        });
    }
}
