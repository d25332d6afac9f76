package io.incidentstream.bootstrap;

import static io.incidentstream.bootstrap.BadInputCorpus.arrays;
import static io.incidentstream.bootstrap.BadInputCorpus.objects;
import static io.incidentstream.bootstrap.HttpCase.accepted;
import static io.incidentstream.bootstrap.HttpCase.invalidCode;
import static io.incidentstream.bootstrap.HttpCase.invalidJson;
import static io.incidentstream.bootstrap.HttpCase.post;
import static io.incidentstream.bootstrap.HttpCorpusDocuments.*;
import static io.incidentstream.bootstrap.HttpCorpusKinds.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of the HTTP corpus about whole documents: the valid baselines, truncated documents,
 * nesting, lengths, control characters, the wrong shapes and batches; each a valid document with
 * one thing changed. The fields' types and values are in {@link HttpFieldTypeCorpus} and
 * {@link HttpFieldValueCorpus}.
 */
final class HttpDocumentCorpus {

    private HttpDocumentCorpus() {}

    static void validBaselines(List<HttpCase> cases) {
        cases.add(accepted(
                "valid incident with every field",
                "/api/v1/incidents",
                incident().toString(),
                1));
        cases.add(accepted("valid alert with every field", "/api/v1/alerts", alert().toString(), 1));
        EVENTS.forEach((type, event) -> cases.add(accepted("valid " + type, "/api/v1/events", event.toString(), 1)));
        cases.add(accepted(
                "valid batch of every type",
                "/api/v1/events",
                "["
                        + String.join(
                                ",", EVENTS.values().stream().map(Doc::toString).toList()) + "]",
                EVENTS.size()));
    }

    static void truncations(List<HttpCase> cases) {
        String event = EVENTS.get("escalated").toString();
        for (int length = 0; length < event.length(); length++) {
            cases.add(invalidJson("event truncated to " + length, "/api/v1/events", event.substring(0, length)));
        }
        String incident = incident().toString();
        for (int length = 0; length < incident.length(); length += 3) {
            cases.add(
                    invalidJson("incident truncated to " + length, "/api/v1/incidents", incident.substring(0, length)));
        }
        String alert = alert().toString();
        for (int length = 1; length < alert.length(); length += 5) {
            cases.add(invalidJson("alert truncated to " + length, "/api/v1/alerts", alert.substring(0, length)));
        }
        String batch = "[" + EVENTS.get("system_event") + "," + EVENTS.get("comment_added") + "]";
        for (int length = 1; length < batch.length(); length += 7) {
            cases.add(invalidJson("batch truncated to " + length, "/api/v1/events", batch.substring(0, length)));
        }
    }

    static void nesting(List<HttpCase> cases) {
        // Body level 1 is the incident; "timeline" opens 2, the entry 3, "metadata" 4; k objects inside make 4 + k.
        cases.add(accepted(
                "incident nested to depth 32 (timeline metadata)",
                "/api/v1/incidents",
                incident()
                        .with("timeline", "[" + timelineEntry().with("metadata", objects(29)) + "]")
                        .toString(),
                1));
        cases.add(invalidJson(
                "incident nested to depth 33",
                "/api/v1/incidents",
                incident()
                        .with("timeline", "[" + timelineEntry().with("metadata", objects(30)) + "]")
                        .toString()));
        for (String path : INGEST) {
            cases.add(invalidJson("arrays 33 deep to " + path, path, arrays(33)));
            cases.add(invalidJson("objects 33 deep to " + path, path, objects(33)));
            cases.add(invalidJson("arrays 100000 deep to " + path, path, arrays(100_000)));
            cases.add(invalidJson("100000 unclosed arrays to " + path, path, "[".repeat(100_000)));
        }
        cases.add(post(
                "arrays 32 deep: valid JSON, not an event", "/api/v1/events", arrays(32), 400, "INVALID_EVENT", "[0]"));
        cases.add(post(
                "objects 32 deep: valid JSON, not an incident",
                "/api/v1/incidents",
                objects(32),
                400,
                "INVALID_INCIDENT",
                "severity"));
        cases.add(post(
                "system_event metadata with a nested object",
                "/api/v1/events",
                EVENTS.get("system_event")
                        .with("metadata", "{\"k\":" + objects(20) + "}")
                        .toString(),
                400,
                "INVALID_EVENT",
                "metadata.k"));
    }

    static void lengths(List<HttpCase> cases) {
        for (String[] spec : new String[][] {
            {"/api/v1/incidents", "title", "500"},
            {"/api/v1/incidents", "source", "255"},
            {"/api/v1/alerts", "title", "500"},
            {"/api/v1/alerts", "source", "255"}
        }) {
            String path = spec[0];
            String field = spec[1];
            int max = Integer.parseInt(spec[2]);
            Doc base = path.endsWith("incidents") ? incident() : alert();
            cases.add(accepted(
                    path + " " + field + " of " + max + " chars",
                    path,
                    base.with(field, "\"" + "a".repeat(max) + "\"").toString(),
                    1));
            cases.add(post(
                    path + " " + field + " of " + (max + 1) + " chars",
                    path,
                    base.with(field, "\"" + "a".repeat(max + 1) + "\"").toString(),
                    400,
                    invalidCode(path),
                    field));
            cases.add(post(
                    path + " " + field + " of 100000 chars",
                    path,
                    base.with(field, "\"" + "a".repeat(100_000) + "\"").toString(),
                    400,
                    invalidCode(path),
                    field));
            cases.add(post(
                    path + " empty " + field,
                    path,
                    base.with(field, "\"\"").toString(),
                    400,
                    invalidCode(path),
                    field));
            cases.add(accepted(
                    path + " " + field + " of " + max + " emoji",
                    path,
                    base.with(field, "\"" + "\ud83d\ude00".repeat(max) + "\"").toString(),
                    1));
            cases.add(post(
                    path + " " + field + " of " + (max + 1) + " emoji",
                    path,
                    base.with(field, "\"" + "\ud83d\ude00".repeat(max + 1) + "\"")
                            .toString(),
                    400,
                    invalidCode(path),
                    field));
            cases.add(accepted(
                    path + " " + field + " of " + max + " escaped e-acutes",
                    path,
                    base.with(field, "\"" + "\\u00e9".repeat(max) + "\"").toString(),
                    1));
        }
        cases.add(post(
                "incident_created event with a 501-char title",
                "/api/v1/events",
                EVENTS.get("incident_created")
                        .with(
                                "incident",
                                "{\"severity\":\"P3\",\"source\":\"corpus\",\"title\":\"" + "a".repeat(501) + "\"}")
                        .toString(),
                400,
                "INVALID_EVENT",
                "incident.title"));
    }

    static void controlCharacters(List<HttpCase> cases) {
        for (char c = 0; c < 0x20; c++) {
            cases.add(invalidJson(
                    String.format("raw U+%04X inside the title", (int) c),
                    "/api/v1/incidents",
                    incident().with("title", "\"a" + c + "b\"").toString()));
            if (c != '\t' && c != '\n' && c != '\r') {
                cases.add(invalidJson(
                        String.format("raw U+%04X between tokens", (int) c),
                        "/api/v1/events",
                        "{\"event_type\":\"system_event\"" + c + "}"));
            }
        }
        cases.add(accepted(
                "escaped NUL and U+001F in the title",
                "/api/v1/incidents",
                incident().with("title", "\"a\\u0000b\\u001f\"").toString(),
                1));
        cases.add(accepted(
                "raw U+007F in the title",
                "/api/v1/incidents",
                incident().with("title", "\"a\u007fb\"").toString(),
                1));
        for (String escape : List.of("\\x41", "\\u12", "\\uZZZZ", "\\a", "\\", "\\U0041", "\\'")) {
            cases.add(invalidJson(
                    "bad escape " + escape,
                    "/api/v1/incidents",
                    incident().with("title", "\"" + escape + "\"").toString()));
        }
    }

    static void wrongShapes(List<HttpCase> cases) {
        cases.add(post(
                "an incident in an array", "/api/v1/incidents", "[" + incident() + "]", 400, "INVALID_INCIDENT", null));
        cases.add(post("an alert in an array", "/api/v1/alerts", "[" + alert() + "]", 400, "INVALID_ALERT", null));
        cases.add(post(
                "an event nested in two arrays",
                "/api/v1/events",
                "[[" + EVENTS.get("system_event") + "]]",
                400,
                "INVALID_EVENT",
                "[0]"));
        cases.add(post(
                "a batch in an object",
                "/api/v1/events",
                "{\"events\":[" + EVENTS.get("system_event") + "]}",
                400,
                "INVALID_EVENT",
                "event_type"));
        cases.add(post(
                "an incident posted as an event",
                "/api/v1/events",
                incident().toString(),
                400,
                "INVALID_EVENT",
                "event_type"));
        cases.add(post(
                "an event posted as an incident",
                "/api/v1/incidents",
                EVENTS.get("incident_created").toString(),
                400,
                "INVALID_INCIDENT",
                "severity"));
        cases.add(post(
                "an alert posted as an incident (no severity problem, but an array for labels)",
                "/api/v1/incidents",
                incident().with("labels", "[[\"team\",\"a\"]]").toString(),
                400,
                "INVALID_INCIDENT",
                "labels"));
    }

    static void batches(List<HttpCase> cases) {
        String good = EVENTS.get("system_event").toString();
        Map<String, String[]> bad = new LinkedHashMap<>();
        bad.put("unknown event_type", new String[] {"{\"event_type\":\"nope\"}", ".event_type"});
        bad.put("a number", new String[] {"7", ""});
        bad.put("null", new String[] {"null", ""});
        bad.put("an array", new String[] {"[]", ""});
        bad.put("escalated without incident_id", new String[] {
            "{\"event_type\":\"escalated\",\"from_severity\":\"P1\"," + "\"to_severity\":\"P0\"}", ".incident_id"
        });
        bad.put("a bad priority", new String[] {"{\"event_type\":\"system_event\",\"priority\":\"urgent\"}", ".priority"
        });
        bad.put(
                "a metadata value not a string",
                new String[] {"{\"event_type\":\"system_event\",\"metadata\":{\"k\":1}}", ".metadata.k"});
        bad.put("an incident with a bad severity", new String[] {
            "{\"event_type\":\"incident_created\",\"incident\":"
                    + "{\"severity\":\"P9\",\"source\":\"s\",\"title\":\"t\"}}",
            ".incident.severity"
        });
        for (int position = 0; position < 5; position++) {
            int at = position;
            bad.forEach((name, spec) -> {
                List<String> events = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    events.add(i == at ? spec[0] : good);
                }
                cases.add(post(
                        "batch of 5 with " + name + " at " + at,
                        "/api/v1/events",
                        "[" + String.join(",", events) + "]",
                        400,
                        "INVALID_EVENT",
                        "[" + at + "]" + spec[1]));
            });
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                events.add(
                        i == at
                                ? EVENTS.get("system_event")
                                        .with("message", "\"" + "m".repeat(300_000) + "\"")
                                        .toString()
                                : good);
            }
            cases.add(post(
                    "batch of 5 with an event over max_event_bytes at " + at,
                    "/api/v1/events",
                    "[" + String.join(",", events) + "]",
                    413,
                    "EVENT_TOO_LARGE",
                    String.valueOf(at)));
        }
        cases.add(post("empty batch", "/api/v1/events", "[]", 400, "INVALID_EVENT", null));
        cases.add(post("empty batch with whitespace", "/api/v1/events", "[ \n ]", 400, "INVALID_EVENT", null));
        cases.add(post(
                "a batch of 10001 (over broadcast_capacity)",
                "/api/v1/events",
                "[" + String.join(",", java.util.Collections.nCopies(10_001, "{\"event_type\":\"system_event\"}"))
                        + "]",
                413,
                "BATCH_TOO_LARGE",
                null));
    }
}
