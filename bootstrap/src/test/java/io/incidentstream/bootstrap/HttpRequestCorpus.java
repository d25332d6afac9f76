package io.incidentstream.bootstrap;

import static io.incidentstream.bootstrap.BadInputCorpus.JSON_HEADERS;
import static io.incidentstream.bootstrap.BadInputCorpus.KEY;
import static io.incidentstream.bootstrap.BadInputCorpus.MAX_REQUEST_BYTES;
import static io.incidentstream.bootstrap.BadInputCorpus.UUID_A;
import static io.incidentstream.bootstrap.BadInputCorpus.UUID_B;
import static io.incidentstream.bootstrap.HttpCorpusDocuments.*;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of the HTTP corpus about the request outside its body: queries, methods and paths, and
 * credentials.
 */
final class HttpRequestCorpus {

    private HttpRequestCorpus() {}

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
        // The board's configuration reads its query too (?origin=), so it refuses one it cannot read (openapi.json).
        cases.add(new HttpCase(
                "GET /board/config.json?origin=%ZZ",
                "GET /board/config.json?origin=%ZZ", List.of(), null, 400, "BAD_REQUEST", null, 0));
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
                "DELETE /api/v1/events",
                // The board's files: Jetty's own error answer, which wrote a body only for GET, POST and HEAD.
                "PUT /board",
                "DELETE /",
                "PATCH /board/config.json",
                "DELETE /board/board.css")) {
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
}
