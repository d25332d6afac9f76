package io.incidentstream.bootstrap;

import static io.incidentstream.bootstrap.BadInputCorpus.INVALID_UTF8;
import static io.incidentstream.bootstrap.BadInputCorpus.JSON_HEADERS;
import static io.incidentstream.bootstrap.BadInputCorpus.KEY;
import static io.incidentstream.bootstrap.BadInputCorpus.MAX_REQUEST_BYTES;
import static io.incidentstream.bootstrap.BadInputCorpus.UUID_A;
import static io.incidentstream.bootstrap.BadInputCorpus.UUID_B;
import static io.incidentstream.bootstrap.BadInputCorpus.bytes;
import static io.incidentstream.bootstrap.BadInputCorpus.concat;
import static io.incidentstream.bootstrap.BadInputCorpus.visible;
import static io.incidentstream.bootstrap.HttpCase.accepted;
import static io.incidentstream.bootstrap.HttpCase.invalidCode;
import static io.incidentstream.bootstrap.HttpCase.invalidJson;
import static io.incidentstream.bootstrap.HttpCase.post;
import static io.incidentstream.bootstrap.HttpCorpusDocuments.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of the HTTP corpus about the request around the document: encodings, empty bodies,
 * content types, garbage around a valid body, sizes, queries, methods and paths, and credentials.
 */
final class HttpRequestCorpus {

    private HttpRequestCorpus() {}

    static void encodings(List<HttpCase> cases) {
        for (String path : INGEST) {
            String valid = VALID_BODIES.get(path);
            int at = valid.indexOf("\"corpus\"") + 1;
            INVALID_UTF8.forEach((name, bytes) -> {
                byte[] prefix = valid.substring(0, at).getBytes(StandardCharsets.UTF_8);
                byte[] suffix = valid.substring(at).getBytes(StandardCharsets.UTF_8);
                cases.add(invalidJson(
                        "invalid UTF-8 " + name + " in a string to " + path, path, concat(prefix, bytes, suffix)));
            });
            cases.add(invalidJson(
                    "invalid UTF-8 0xFF before the document to " + path,
                    path,
                    concat(bytes(0xff), valid.getBytes(StandardCharsets.UTF_8))));
            cases.add(accepted("UTF-8 byte order mark to " + path, path, "\ufeff" + valid, 1));
            for (Charset charset : List.of(
                    StandardCharsets.UTF_16BE,
                    StandardCharsets.UTF_16LE,
                    StandardCharsets.UTF_16,
                    Charset.forName("UTF-32LE"))) {
                cases.add(invalidJson(
                        "body in " + charset + " declared as application/json to " + path,
                        path,
                        valid.getBytes(charset)));
            }
            cases.add(new HttpCase(
                    "UTF-16 body declared as charset=utf-16 to " + path,
                    "POST " + path,
                    List.of("Authorization: Bearer " + KEY, "Content-Type: application/json; charset=utf-16"),
                    valid.getBytes(StandardCharsets.UTF_16),
                    415,
                    "UNSUPPORTED_MEDIA_TYPE",
                    null,
                    0));
        }
        // Escaped lone surrogates are JSON text; they are kept and sent on as escapes.
        cases.add(accepted(
                "lone surrogate escapes in title, description and a label value",
                "/api/v1/incidents",
                incident()
                        .with("title", "\"\\ud800\"")
                        .with("description", "\"x\\udc00y\"")
                        .with("labels", "{\"k\":\"\\ud800\\ud800\"}")
                        .toString(),
                1));
        // In a key, the parser itself refuses them.
        cases.add(invalidJson(
                "a lone surrogate escape in a label key",
                "/api/v1/incidents",
                incident().with("labels", "{\"k\\udbff\":\"v\"}").toString()));
        cases.add(invalidJson(
                "a lone surrogate escape in a field name",
                "/api/v1/events",
                "{\"event_type\":\"system_event\",\"\\ud800\":1}"));
        cases.add(post(
                "lone surrogate as a severity",
                "/api/v1/incidents",
                incident().with("severity", "\"\\ud800\"").toString(),
                400,
                "INVALID_INCIDENT",
                "severity"));
        for (String timestamp : List.of(
                "+10000-01-01T00:00:00Z",
                "+999999999-12-31T23:59:59Z",
                "2026-01-01T00:00Z",
                "2026-01-01T00:00:00+02")) {
            cases.add(post(
                    "non-RFC 3339 timestamp " + timestamp,
                    "/api/v1/incidents",
                    incident().with("created_at", "\"" + timestamp + "\"").toString(),
                    400,
                    "INVALID_INCIDENT",
                    "created_at"));
        }
    }

    static void emptyAndScalars(List<HttpCase> cases) {
        for (String path : INGEST) {
            for (String empty : List.of("", " ", "\r\n\t ", "\n\n\n")) {
                cases.add(invalidJson("whitespace only (" + empty.length() + " chars) to " + path, path, empty));
            }
            cases.add(new HttpCase(
                    "no body at all to " + path, "POST " + path, JSON_HEADERS, null, 400, "INVALID_JSON", null, 0));
            for (String scalar : List.of("null", "true", "1", "\"event\"", "-0.5")) {
                cases.add(post(scalar + " to " + path, path, scalar, 400, invalidCode(path), null));
            }
        }
    }

    static void contentTypes(List<HttpCase> cases) {
        List<String> refused = List.of(
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/json; charset=latin-1",
                "application/json; charset=utf-16",
                "application/jsonx",
                "application/json-patch+json",
                "application/ld+json",
                "*/*",
                "json",
                "application/json, text/plain",
                "text/json",
                "application/json; charset=",
                "application/octet-stream",
                "");
        for (String path : INGEST) {
            for (String type : refused) {
                cases.add(new HttpCase(
                        "Content-Type '" + type + "' to " + path,
                        "POST " + path,
                        List.of("Authorization: Bearer " + KEY, "Content-Type: " + type),
                        VALID_BODIES.get(path).getBytes(StandardCharsets.UTF_8),
                        415,
                        "UNSUPPORTED_MEDIA_TYPE",
                        null,
                        0));
            }
            cases.add(new HttpCase(
                    "no Content-Type to " + path,
                    "POST " + path,
                    List.of("Authorization: Bearer " + KEY),
                    VALID_BODIES.get(path).getBytes(StandardCharsets.UTF_8),
                    415,
                    "UNSUPPORTED_MEDIA_TYPE",
                    null,
                    0));
        }
        for (String type : List.of(
                "application/json; charset=UTF-8",
                "APPLICATION/JSON",
                "application/json;charset=\"utf-8\"",
                "application/json; charset=utf8",
                "application/json; foo=bar")) {
            cases.add(new HttpCase(
                    "Content-Type '" + type + "' is accepted",
                    "POST /api/v1/events",
                    List.of("Authorization: Bearer " + KEY, "Content-Type: " + type),
                    EVENTS.get("system_event").toString().getBytes(StandardCharsets.UTF_8),
                    202,
                    null,
                    null,
                    1));
        }
    }

    static void duplicatesAndGarbage(List<HttpCase> cases) {
        cases.add(invalidJson(
                "duplicate title",
                "/api/v1/incidents",
                incident().toString().replace("\"title\":", "\"title\":\"first\",\"title\":")));
        cases.add(invalidJson(
                "duplicate label key",
                "/api/v1/incidents",
                incident().with("labels", "{\"team\":\"a\",\"team\":\"b\"}").toString()));
        cases.add(invalidJson(
                "duplicate severity in an alert",
                "/api/v1/alerts",
                alert().toString().replace("\"severity\":", "\"severity\":\"P0\",\"severity\":")));
        cases.add(invalidJson(
                "duplicate event_type",
                "/api/v1/events",
                EVENTS.get("system_event")
                        .toString()
                        .replace("\"event_type\":", "\"event_type\":\"escalated\",\"event_type\":")));
        cases.add(invalidJson(
                "duplicate key in the second event of a batch",
                "/api/v1/events",
                "[" + EVENTS.get("system_event")
                        + ",{\"event_type\":\"system_event\",\"message\":\"a\",\"message\":\"b\"}]"));
        cases.add(invalidJson(
                "duplicate key deep in timeline metadata",
                "/api/v1/incidents",
                incident()
                        .with("timeline", "[" + timelineEntry().with("metadata", "{\"a\":{\"b\":1,\"b\":2}}") + "]")
                        .toString()));
        for (String path : INGEST) {
            String valid = VALID_BODIES.get(path);
            for (String garbage : List.of(
                    " x", "}", "]", valid, " " + valid, ",", "//c", "/*c*/", " null", " 1", "\u0000", "\"", "\u00a0")) {
                cases.add(invalidJson("trailing " + visible(garbage) + " to " + path, path, valid + garbage));
            }
            for (String garbage : List.of("x", ",", "\u00a0", ")]}'\n", "/*c*/", "\ufeff\ufeff")) {
                cases.add(invalidJson("leading " + visible(garbage) + " to " + path, path, garbage + valid));
            }
            cases.add(accepted("trailing whitespace to " + path, path, valid + " \r\n\t", 1));
        }
        for (String broken : List.of(
                "{'event_type':'system_event'}",
                "{event_type:\"system_event\"}",
                "{\"event_type\":\"system_event\",}",
                "[{\"event_type\":\"system_event\"},]",
                "{/*c*/\"event_type\":\"system_event\"}",
                "{\"event_type\" \"system_event\"}",
                "{\"event_type\":\"system_event\" \"message\":\"m\"}",
                "{\"event_type\":\"system_event\",,\"message\":\"m\"}",
                "{\"event_type\":'system_event'}",
                "{\"event_type\"}",
                "{:\"system_event\"}",
                "[,]",
                "[{},,{}]",
                "{\"event_type\":\"system_event\",\"metadata\":{\"k\":\"v\",}}",
                "{\"event_type\":\"sys\ntem_event\"}",
                "{\"event_type\":\"system_event\",\"message\":True}",
                "{\"event_type\":\"system_event\",\"message\":NULL}")) {
            cases.add(invalidJson("malformed: " + visible(broken), "/api/v1/events", broken));
        }
    }

    static void sizes(List<HttpCase> cases) {
        for (String path : INGEST) {
            cases.add(new HttpCase(
                    "declared Content-Length over max_request_bytes to " + path,
                    "POST " + path,
                    List.of(
                            "Authorization: Bearer " + KEY,
                            "Content-Type: application/json",
                            "Content-Length: " + (MAX_REQUEST_BYTES + 1)),
                    new byte[0],
                    413,
                    "PAYLOAD_TOO_LARGE",
                    null,
                    0));
        }
        cases.add(new HttpCase(
                "declared Content-Length of 2^40",
                "POST /api/v1/events",
                List.of(
                        "Authorization: Bearer " + KEY,
                        "Content-Type: application/json",
                        "Content-Length: 1099511627776"),
                new byte[0],
                413,
                "PAYLOAD_TOO_LARGE",
                null,
                0));
        cases.add(new HttpCase(
                "chunked body over max_request_bytes",
                "POST /api/v1/events",
                List.of("Authorization: Bearer " + KEY, "Content-Type: application/json", "Transfer-Encoding: chunked"),
                chunked(("[" + "1,".repeat(MAX_REQUEST_BYTES / 2 + 100) + "1]").getBytes(StandardCharsets.UTF_8)),
                413,
                "PAYLOAD_TOO_LARGE",
                null,
                0));
        cases.add(new HttpCase(
                "chunked valid body",
                "POST /api/v1/events",
                List.of("Authorization: Bearer " + KEY, "Content-Type: application/json", "Transfer-Encoding: chunked"),
                chunked(EVENTS.get("system_event").toString().getBytes(StandardCharsets.UTF_8)),
                202,
                null,
                null,
                1));
        cases.add(post(
                "an incident over max_event_bytes",
                "/api/v1/incidents",
                fixedIncident("d".repeat(300_000)),
                413,
                "EVENT_TOO_LARGE",
                null));
        cases.add(post(
                "an alert over max_event_bytes",
                "/api/v1/alerts",
                alert().with("description", "\"" + "d".repeat(300_000) + "\"").toString(),
                413,
                "EVENT_TOO_LARGE",
                null));
        cases.add(post(
                "an event over max_event_bytes once escaped (\\u0001 is 6 bytes out)",
                "/api/v1/events",
                EVENTS.get("system_event")
                        .with("message", "\"" + "\\u0001".repeat(50_000) + "\"")
                        .toString(),
                413,
                "EVENT_TOO_LARGE",
                null));
    }

    static void queries(List<HttpCase> cases) {
        Map<String, String> refused = new LinkedHashMap<>();
        for (String query : List.of(
                "severity=P9",
                "severity=",
                "severity",
                "severity=p0",
                "severity=P0,,P1",
                "severity=P0;x",
                "state=open",
                "state=Detected,Done",
                "state=",
                "foo=1",
                "severities=P0",
                "label=team",
                "label=a:1&label=a:2",
                "label=:x",
                "label=",
                "source=",
                "severity=P0&foo=",
                "SEVERITY=P0",
                "label=%3Ax",
                "source=%00")) {
            refused.put(query, "INVALID_PARAMETER");
        }
        for (String query :
                List.of("severity=%ZZ", "source=%FF", "%ZZ=1", "source=%", "source=%E2%82", "source=%ED%A0%80")) {
            refused.put(query, "BAD_REQUEST");
        }
        refused.forEach((query, code) -> cases.add(
                new HttpCase("GET ?" + query, "GET /api/v1/incidents?" + query, List.of(), null, 400, code, null, 0)));
        for (String query : List.of(
                "severity=P0,P1",
                "label=a:b:c",
                "state=Detected,Resolved",
                "source=" + "s".repeat(5000),
                "severity=P0&severity=P1",
                "label=team:a&label=env:prod",
                "source=%E2%82%AC",
                "",
                "source=a+b",
                // Values are trimmed (String.trim: spaces and control characters such as NUL).
                "severity=%20P0",
                "severity=P0%00")) {
            cases.add(new HttpCase(
                    "GET ?" + RawWire.abbreviate(query),
                    "GET /api/v1/incidents?" + query,
                    List.of(),
                    null,
                    200,
                    null,
                    null,
                    0));
        }
        cases.add(new HttpCase(
                "GET an incident by a malformed id",
                "GET /api/v1/incidents/not-a-uuid",
                List.of(),
                null,
                400,
                "INVALID_PARAMETER",
                null,
                0));
        cases.add(new HttpCase(
                "GET an incident by a too-long id",
                "GET /api/v1/incidents/" + UUID_A + "0",
                List.of(),
                null,
                400,
                "INVALID_PARAMETER",
                null,
                0));
        cases.add(new HttpCase(
                "GET an unknown incident",
                "GET /api/v1/incidents/" + UUID_B,
                List.of(),
                null,
                404,
                "NOT_FOUND",
                null,
                0));
        // The request line and headers may take 32 KiB (room for a 16 KiB subscriber token): beyond, refused.
        cases.add(new HttpCase(
                "GET with a query of 40000 chars",
                "GET /api/v1/incidents?source=" + "s".repeat(40_000),
                List.of(),
                null,
                414,
                "URI_TOO_LONG",
                null,
                0));
        cases.add(new HttpCase(
                "POST with a header of 40000 chars",
                "POST /api/v1/events",
                List.of(
                        "Authorization: Bearer " + KEY,
                        "Content-Type: application/json",
                        "X-Padding: " + "p".repeat(40_000)),
                EVENTS.get("system_event").toString().getBytes(StandardCharsets.UTF_8),
                431,
                "HEADERS_TOO_LARGE",
                null,
                0));
    }

    static void methodsAndPaths(List<HttpCase> cases) {
        for (String head : List.of(
                "PUT /api/v1/events",
                "DELETE /api/v1/incidents",
                "PATCH /api/v1/alerts",
                "GET /api/v1/events",
                "GET /api/v1/alerts",
                "POST /api/v1/stats",
                "PUT /api/v1/incidents",
                "DELETE /api/v1/events")) {
            cases.add(new HttpCase(
                    head,
                    head,
                    JSON_HEADERS,
                    "{}".getBytes(StandardCharsets.UTF_8),
                    405,
                    "METHOD_NOT_ALLOWED",
                    null,
                    0));
        }
        for (String path : List.of(
                "/api/v2/events",
                "/api/v1/event",
                "/api/v1/events/x",
                "/api/v1",
                "/api/v1/",
                "/api/v1/incidents/" + UUID_A + "/notes")) {
            cases.add(new HttpCase(
                    "POST " + path,
                    "POST " + path,
                    JSON_HEADERS,
                    EVENTS.get("system_event").toString().getBytes(StandardCharsets.UTF_8),
                    404,
                    "NOT_FOUND",
                    null,
                    0));
        }
        for (String path : List.of("/%2e%2e/api/v1/events", "/api/v1/%2e%2e/v1/events", "/api/v1//events")) {
            cases.add(new HttpCase(
                    "POST " + path + " (ambiguous path)",
                    "POST " + path,
                    JSON_HEADERS,
                    EVENTS.get("system_event").toString().getBytes(StandardCharsets.UTF_8),
                    400,
                    "BAD_REQUEST",
                    null,
                    0));
        }
    }

    static void credentials(List<HttpCase> cases) {
        byte[] valid = EVENTS.get("system_event").toString().getBytes(StandardCharsets.UTF_8);
        for (String path : INGEST) {
            cases.add(new HttpCase(
                    "no Authorization to " + path,
                    "POST " + path,
                    List.of("Content-Type: application/json"),
                    valid,
                    401,
                    "UNAUTHENTICATED",
                    null,
                    0));
        }
        for (String authorization : List.of("Bearer", "Bearer ", "Basic " + KEY, "Token " + KEY, KEY, "Bearer\t")) {
            cases.add(new HttpCase(
                    "Authorization '" + authorization + "'",
                    "POST /api/v1/events",
                    List.of("Authorization: " + authorization, "Content-Type: application/json"),
                    valid,
                    401,
                    "UNAUTHENTICATED",
                    null,
                    0));
        }
        for (String key : List.of(
                "wrong-key-of-enough-length-000", KEY + "x", KEY.substring(1), KEY.toUpperCase(), "x".repeat(4000))) {
            cases.add(new HttpCase(
                    "unknown key '" + RawWire.abbreviate(key).substring(0, Math.min(40, key.length())) + "'",
                    "POST /api/v1/events",
                    List.of("Authorization: Bearer " + key, "Content-Type: application/json"),
                    valid,
                    403,
                    "FORBIDDEN",
                    null,
                    0));
        }
        cases.add(new HttpCase(
                "a key in the query string is not a credential",
                "POST /api/v1/events?api_key=" + KEY,
                List.of("Content-Type: application/json"),
                valid,
                401,
                "UNAUTHENTICATED",
                null,
                0));
        cases.add(new HttpCase(
                "credentials are checked before the body",
                "POST /api/v1/events",
                List.of("Content-Type: application/json"),
                "{not json".getBytes(StandardCharsets.UTF_8),
                401,
                "UNAUTHENTICATED",
                null,
                0));
        cases.add(new HttpCase(
                "a bad key with an oversized declared body",
                "POST /api/v1/events",
                List.of(
                        "Authorization: Bearer nope-nope-nope-nope",
                        "Content-Type: application/json",
                        "Content-Length: " + (MAX_REQUEST_BYTES * 4)),
                new byte[0],
                403,
                "FORBIDDEN",
                null,
                0));
        cases.add(new HttpCase(
                "the scheme is case-insensitive",
                "POST /api/v1/events",
                List.of("Authorization: bearer " + KEY, "Content-Type: application/json"),
                valid,
                202,
                null,
                null,
                1));
    }

    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += 8192) {
            int length = Math.min(8192, body.length - at);
            out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, at, length);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
