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

    private static final org.slf4j.Logger REFUSALS = org.slf4j.LoggerFactory.getLogger("io.incidentstream.refusals");

    private UpgradeRefusal() {}

    /**
     * Refusals are logged at INFO on the {@code io.incidentstream.refusals} logger, which the server
     * rate-limits (a flood of refused connections must not flood the log): never the token itself.
     */
    static void log(String address, int status, String code, String reason) {
        REFUSALS.info("refused WebSocket upgrade from {}: {} {} ({})", address, status, code, reason);
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
