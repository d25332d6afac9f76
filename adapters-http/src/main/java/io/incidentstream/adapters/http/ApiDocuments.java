package io.incidentstream.adapters.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.json} and {@code /api/v1/asyncapi.json}: the API documents of
 * {@code docs/}, packed into this module's jar at build time. Read once at start-up, so that a jar
 * built without them fails at once instead of answering 404 to the first API explorer.
 */
final class ApiDocuments {

    private static final String DIRECTORY = "api/";

    private final byte[] openApi = load("openapi.json");
    private final byte[] asyncApi = load("asyncapi.json");

    void openApi(Exchange exchange) {
        exchange.bytes(200, Exchange.JSON, openApi);
    }

    void asyncApi(Exchange exchange) {
        exchange.bytes(200, Exchange.JSON, asyncApi);
    }

    private static byte[] load(String name) {
        try (InputStream in = ApiDocuments.class.getResourceAsStream(DIRECTORY + name)) {
            if (in == null) {
                throw new IllegalStateException("the API document " + name + " is missing from the jar (it is"
                        + " copied from docs/ by adapters-http's build)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API document " + name, e);
        }
    }
}
