package io.incidentstream.adapters.websocket.sse;

import io.incidentstream.codec.json.Json;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A {@code GET /sse} refused before its stream starts: a status and the usual JSON error envelope.
 * {@code EventSource} stops for good on any status but 200, which is what a refusal should do.
 */
final class SseRefusal {

    private SseRefusal() {}

    /** @param parameter the query parameter at fault, put in {@code details}; or null */
    static void write(Response response, Callback callback, int status, String code, String message, String parameter) {
        byte[] body = Json.writeLine(out -> {
            out.writeStartObject();
            out.writeObjectFieldStart("error");
            out.writeStringField("code", code);
            out.writeStringField("message", message);
            if (parameter == null) {
                out.writeNullField("details");
            } else {
                out.writeObjectFieldStart("details");
                out.writeStringField("parameter", parameter);
                out.writeEndObject();
            }
            out.writeEndObject();
            out.writeEndObject();
        });
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (status == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        }
        if (status == 429 || status == 503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
