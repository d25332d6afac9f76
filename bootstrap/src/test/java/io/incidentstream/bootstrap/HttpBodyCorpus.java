package io.incidentstream.bootstrap;

import static io.incidentstream.bootstrap.BadInputCorpus.INVALID_UTF8;
import static io.incidentstream.bootstrap.BadInputCorpus.JSON_HEADERS;
import static io.incidentstream.bootstrap.BadInputCorpus.KEY;
import static io.incidentstream.bootstrap.BadInputCorpus.MAX_REQUEST_BYTES;
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
import java.util.List;

/**
 * The part of the HTTP corpus about the body around the document: encodings, empty bodies and
 * scalars, content types, duplicates and garbage around a valid body, and sizes.
 */
final class HttpBodyCorpus {

    private HttpBodyCorpus() {}

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
