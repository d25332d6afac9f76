package io.incidentstream.bootstrap;

import static io.incidentstream.bootstrap.BadInputCorpus.JSON_HEADERS;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One request of the HTTP bad-input corpus and what the docs promise for it: the status, the error
 * code (null for a success), the field path in {@code details.field} (null: not checked; for
 * {@code EVENT_TOO_LARGE}, the index in {@code details.index}), and for a success how many events it
 * publishes.
 */
record HttpCase(
        String name,
        String head,
        List<String> headers,
        byte[] body,
        int status,
        String code,
        String field,
        int published) {

    static HttpCase post(String name, String path, String body, int status, String code, String field) {
        return post(name, path, body.getBytes(StandardCharsets.UTF_8), status, code, field);
    }

    static HttpCase post(String name, String path, byte[] body, int status, String code, String field) {
        return new HttpCase(name, "POST " + path, JSON_HEADERS, body, status, code, field, 0);
    }

    static HttpCase accepted(String name, String path, String body, int published) {
        return new HttpCase(
                name, "POST " + path, JSON_HEADERS, body.getBytes(StandardCharsets.UTF_8), 202, null, null, published);
    }

    static HttpCase invalidJson(String name, String path, byte[] body) {
        return post(name, path, body, 400, "INVALID_JSON", null);
    }

    static HttpCase invalidJson(String name, String path, String body) {
        return invalidJson(name, path, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The code for a well-formed document that is not a valid one of what {@code path} takes. */
    static String invalidCode(String path) {
        return switch (path) {
            case "/api/v1/incidents" -> "INVALID_INCIDENT";
            case "/api/v1/alerts" -> "INVALID_ALERT";
            default -> "INVALID_EVENT";
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
