package io.incidentstream.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.codec.json.InvalidJsonException;
import io.incidentstream.codec.json.Json;
import java.util.Locale;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON body of a POST: checks its media type and declared size before reading anything, reads
 * it without blocking up to the request limit, parses it, and hands the tree to the endpoint on
 * whichever thread the last chunk arrived.
 */
final class JsonBody {

    private static final Logger LOG = LoggerFactory.getLogger(JsonBody.class);

    private JsonBody() {}

    /** Reads the body of {@code exchange} and passes it to {@code then}, or answers with the error. */
    static void read(Exchange exchange, int maxBytes, Consumer<JsonNode> then) {
        String contentType = exchange.request().getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (!isJson(contentType)) {
            throw new ApiException(ApiError.unsupportedMediaType(contentType));
        }
        long declared = exchange.request().getLength();
        if (declared > maxBytes) {
            // Refused from the header alone: the body is never read.
            throw new ApiException(ApiError.payloadTooLarge(maxBytes));
        }
        BodyReader.read(exchange.request(), maxBytes, declared, new BodyReader.Outcome() {
            @Override
            public void body(byte[] bytes) {
                exchange.run(() -> then.accept(parse(bytes)));
            }

            @Override
            public void tooLarge() {
                exchange.fail(ApiError.payloadTooLarge(maxBytes));
            }

            @Override
            public void failed(Throwable cause) {
                // Usually the client went away or stalled; not a server fault, so no error log.
                LOG.debug("{} {}: reading the body failed", exchange.method(), exchange.path(), cause);
                exchange.fail(ApiError.badRequest("the request body could not be read: " + cause));
            }
        });
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return Json.parse(bytes);
        } catch (InvalidJsonException e) {
            throw new ApiException(ApiError.invalidJson(e.getMessage()));
        }
    }

    /** {@code application/json}, any case, with no charset or UTF-8 (JSON is UTF-8, RFC 8259). */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).trim().equalsIgnoreCase("charset")) {
                String charset = parameter.substring(equals + 1).trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    return false;
                }
            }
        }
        return true;
    }
}
