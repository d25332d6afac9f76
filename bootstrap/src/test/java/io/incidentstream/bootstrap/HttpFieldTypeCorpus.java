package io.incidentstream.bootstrap;

import static io.incidentstream.bootstrap.HttpCase.post;
import static io.incidentstream.bootstrap.HttpCorpusDocuments.*;
import static io.incidentstream.bootstrap.HttpCorpusKinds.*;

import java.util.List;
import java.util.Map;

/**
 * The part of the HTTP corpus about the type of each field: every field of a valid document given
 * a value of each wrong kind (nested objects included), and the required fields left out.
 */
final class HttpFieldTypeCorpus {

    private HttpFieldTypeCorpus() {}

    static void wrongTypes(List<HttpCase> cases) {
        INCIDENT_FIELDS.forEach((field, kind) -> wrong(kind)
                .forEach(w -> cases.add(post(
                        "incident." + field + " = " + w[0],
                        "/api/v1/incidents",
                        incident().with(field, w[0]).toString(),
                        400,
                        "INVALID_INCIDENT",
                        field + w[1]))));
        nested(
                cases,
                "resolution",
                resolution(),
                fields(
                        "resolution_method",
                        Kind.ENUM,
                        "resolved_at",
                        Kind.TIME,
                        "resolved_by",
                        Kind.STRING,
                        "root_cause",
                        Kind.STRING,
                        "notes",
                        Kind.STRING),
                d -> d.toString());
        nested(
                cases,
                "timeline[0]",
                timelineEntry(),
                fields(
                        "timestamp",
                        Kind.TIME,
                        "event_type",
                        Kind.STRING,
                        "actor",
                        Kind.STRING,
                        "description",
                        Kind.STRING,
                        "metadata",
                        Kind.OBJECT),
                d -> "[" + d + "]");
        nested(
                cases,
                "notes[0]",
                note(),
                fields("id", Kind.UUID, "author", Kind.STRING, "content", Kind.STRING, "created_at", Kind.TIME),
                d -> "[" + d + "]");
        ALERT_FIELDS.forEach((field, kind) -> wrong(kind)
                .forEach(w -> cases.add(post(
                        "alert." + field + " = " + w[0],
                        "/api/v1/alerts",
                        alert().with(field, w[0]).toString(),
                        400,
                        "INVALID_ALERT",
                        field + w[1]))));
        EVENT_FIELDS.forEach((type, kinds) -> kinds.forEach((field, kind) -> wrong(kind)
                .forEach(w -> cases.add(post(
                        type + "." + field + " = " + w[0],
                        "/api/v1/events",
                        EVENTS.get(type).with(field, w[0]).toString(),
                        400,
                        "INVALID_EVENT",
                        field + w[1])))));
        for (String wrong : List.of("1", "true", "[]", "{}")) {
            cases.add(post(
                    "event_type = " + wrong,
                    "/api/v1/events",
                    EVENTS.get("system_event").with("event_type", wrong).toString(),
                    400,
                    "INVALID_EVENT",
                    "event_type"));
        }
        // Inside an event, the field path includes the payload's name: the same wrong incident as
        // the payload of each event type that carries one.
        String[][] carriers = {{"incident_created", "incident"}, {"alert_received", "alert"}};
        for (String field : List.of("severity", "title", "source", "labels")) {
            Kind kind = INCIDENT_FIELDS.get(field);
            String[] w = wrong(kind).get(0);
            String payload = new Doc()
                    .put("severity", "\"P3\"")
                    .put("source", "\"corpus\"")
                    .put("title", "\"t\"")
                    .with(field, w[0])
                    .toString();
            for (String[] carrier : carriers) {
                String eventType = carrier[0];
                String name = carrier[1];
                cases.add(post(
                        eventType + " with " + name + "." + field + " = " + w[0],
                        "/api/v1/events",
                        EVENTS.get(eventType).with(name, payload).toString(),
                        400,
                        "INVALID_EVENT",
                        name + "." + field + w[1]));
            }
        }
    }

    private static void nested(
            List<HttpCase> cases,
            String path,
            Doc valid,
            Map<String, Kind> kinds,
            java.util.function.Function<Doc, String> wrap) {
        String field = path.replaceAll("\\[0]$", "");
        kinds.forEach((name, kind) -> wrong(kind)
                .forEach(w -> cases.add(post(
                        "incident." + path + "." + name + " = " + w[0],
                        "/api/v1/incidents",
                        incident()
                                .with(field, wrap.apply(valid.with(name, w[0])))
                                .toString(),
                        400,
                        "INVALID_INCIDENT",
                        path + "." + name + w[1]))));
    }

    static void missingFields(List<HttpCase> cases) {
        for (String field : List.of("severity", "source", "title")) {
            cases.add(post(
                    "incident without " + field,
                    "/api/v1/incidents",
                    incident().without(field).toString(),
                    400,
                    "INVALID_INCIDENT",
                    field));
            cases.add(post(
                    "incident with " + field + " null",
                    "/api/v1/incidents",
                    incident().with(field, "null").toString(),
                    400,
                    "INVALID_INCIDENT",
                    field));
            cases.add(post(
                    "alert without " + field,
                    "/api/v1/alerts",
                    alert().without(field).toString(),
                    400,
                    "INVALID_ALERT",
                    field));
            cases.add(post(
                    "alert with " + field + " null",
                    "/api/v1/alerts",
                    alert().with(field, "null").toString(),
                    400,
                    "INVALID_ALERT",
                    field));
        }
        cases.add(post(
                "resolution without resolution_method",
                "/api/v1/incidents",
                incident()
                        .with(
                                "resolution",
                                resolution().without("resolution_method").toString())
                        .toString(),
                400,
                "INVALID_INCIDENT",
                "resolution.resolution_method"));
        EVENT_REQUIRED.forEach((type, required) -> required.forEach(field -> {
            cases.add(post(
                    type + " without " + field,
                    "/api/v1/events",
                    EVENTS.get(type).without(field).toString(),
                    400,
                    "INVALID_EVENT",
                    field));
            cases.add(post(
                    type + " with " + field + " null",
                    "/api/v1/events",
                    EVENTS.get(type).with(field, "null").toString(),
                    400,
                    "INVALID_EVENT",
                    field));
        }));
        cases.add(post(
                "event without event_type",
                "/api/v1/events",
                EVENTS.get("system_event").without("event_type").toString(),
                400,
                "INVALID_EVENT",
                "event_type"));
        cases.add(post(
                "event with event_type null",
                "/api/v1/events",
                EVENTS.get("system_event").with("event_type", "null").toString(),
                400,
                "INVALID_EVENT",
                "event_type"));
    }
}
