package io.incidentstream.adapters.http;

import io.incidentstream.application.port.out.Access;
import io.incidentstream.codec.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One request being answered: the Jetty request, response and callback, the routed path and its
 * path parameter. Every way out goes through {@link #send}, which completes the callback exactly
 * once, so a handler can never leave a request hanging nor answer it twice.
 */
final class Exchange {

    static final String JSON = "application/json; charset=utf-8";

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final String path;
    private final AtomicBoolean answered = new AtomicBoolean();
    private String pathParameter;
    private Access access = Access.unrestricted();

    Exchange(Request request, Response response, Callback callback, String path) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.path = path;
    }

    Request request() {
        return request;
    }

    String method() {
        return request.getMethod();
    }

    String path() {
        return path;
    }

    /** The value of the route's {@code {parameter}} segment, or null for an exact route. */
    String pathParameter() {
        return pathParameter;
    }

    void pathParameter(String value) {
        pathParameter = value;
    }

    /**
     * What the caller may read: unrestricted unless a subscriber token narrowed it
     * ({@link AccessGuard}). Read endpoints narrow their answers to its scope.
     */
    Access access() {
        return access;
    }

    void access(Access value) {
        access = value;
    }

    /**
     * Runs a step of the handling; whatever it throws becomes the matching error response. Used for
     * the first step, on the thread Jetty called us on, and for each asynchronous continuation.
     */
    void run(Step step) {
        try {
            step.run();
        } catch (Throwable failure) {
            try {
                fail(HttpErrors.of(failure, method(), path));
            } catch (RuntimeException | Error last) {
                // Not even the error could be written: let Jetty end the exchange.
                if (answered.compareAndSet(false, true)) {
                    callback.failed(last);
                }
            }
        }
    }

    void json(int status, Json.JsonWriting body) {
        send(status, JSON, Json.writeLine(body), Map.of());
    }

    void fail(ApiError error) {
        send(error.status(), JSON, HttpErrors.envelope(error), error.headers());
    }

    void text(int status, String contentType, String body) {
        send(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    void bytes(int status, String contentType, byte[] body) {
        send(status, contentType, body, Map.of());
    }

    private void send(int status, String contentType, byte[] body, Map<String, String> headers) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        headers.forEach((name, value) -> response.getHeaders().put(name, value));
        if (!request.consumeAvailable()
                && request.getConnectionMetaData().getHttpVersion().getVersion() < 20) {
            // A refusal decided from the headers (401, 403, 413) can come before the body arrived.
            // Jetty then closes the connection after the answer without saying so, and a client
            // that reuses it for its next request fails with no response at all. Say it instead.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        // Completes the callback once the bytes are written (or the write failed): never blocks.
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** A step of handling that may throw. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }
}
