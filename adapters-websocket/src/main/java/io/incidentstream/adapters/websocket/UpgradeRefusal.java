package io.incidentstream.adapters.websocket;

import io.incidentstream.application.port.in.ConnectionGate;
import io.incidentstream.codec.json.Json;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The HTTP answer to a refused upgrade: a status, {@code Retry-After}, and the usual JSON error envelope. */
final class UpgradeRefusal {

    private UpgradeRefusal() {}

    /** Logged by {@link RefusalLog}: never the token itself. */
    static void log(String address, int status, String code, String reason) {
        RefusalLog.refused("WebSocket upgrade", address, status, code, reason);
    }

    static void write(Response response, Callback callback, ConnectionGate.Refused refused) {
        int status = refused.reason() == ConnectionGate.Reason.ADDRESS_FULL ? 429 : 503;
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
        write(response, callback, status, refused.reason().name().toUpperCase(Locale.ROOT), refused.message());
    }

    static void write(Response response, Callback callback, int status, String code, String message) {
        byte[] body = Json.writeLine(out -> {
            out.writeStartObject();
            out.writeObjectFieldStart("error");
            out.writeStringField("code", code);
            out.writeStringField("message", message);
            out.writeNullField("details");
            out.writeEndObject();
            out.writeEndObject();
        });
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        if (status == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
