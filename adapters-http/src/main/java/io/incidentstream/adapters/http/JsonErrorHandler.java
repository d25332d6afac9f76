package io.incidentstream.adapters.http;

import io.incidentstream.codec.json.Json;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers by itself, before any handler of ours runs (a URI or header too long, a path
 * it will not route, a malformed request), in the same JSON envelope as every other error instead
 * of an HTML page. Never includes a stack trace or the server's version.
 */
public final class JsonErrorHandler extends ErrorHandler {

    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");

    /**
     * Every method gets the envelope: Jetty writes an error body only for GET, POST and HEAD, which
     * left a PUT or DELETE on the board's files with a bare 405 (found from outside).
     */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int status, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(JSON);
        response.write(true, ByteBuffer.wrap(body(status, message)), callback);
    }

    private static byte[] body(int status, String message) {
        return Json.writeLine(out -> {
            out.writeStartObject();
            out.writeObjectFieldStart("error");
            out.writeStringField("code", code(status));
            out.writeStringField("message", message == null || message.isBlank() ? "HTTP " + status : message);
            out.writeNullField("details");
            out.writeEndObject();
            out.writeEndObject();
        });
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 414 -> "URI_TOO_LONG";
            case 431 -> "HEADERS_TOO_LARGE";
            case 500 -> "INTERNAL_ERROR";
            case 503 -> "UNAVAILABLE";
            default -> "HTTP_" + status;
        };
    }
}
