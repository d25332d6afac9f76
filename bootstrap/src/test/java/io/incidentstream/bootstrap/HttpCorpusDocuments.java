package io.incidentstream.bootstrap;

import static io.incidentstream.bootstrap.BadInputCorpus.UUID_A;
import static io.incidentstream.bootstrap.BadInputCorpus.UUID_B;
import static io.incidentstream.bootstrap.HttpCorpusKinds.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The valid documents the HTTP corpus starts from (an incident and an alert with every field, an
 * event of each type) and the kind of each of their fields ({@link HttpCorpusKinds}): the corpus
 * changes one thing in a valid document at a time.
 */
final class HttpCorpusDocuments {

    private HttpCorpusDocuments() {}

    static Doc resolution() {
        return new Doc()
                .put("resolution_method", "\"Manual\"")
                .put("resolved_at", "\"2026-01-01T00:00:00Z\"")
                .put("resolved_by", "\"ann\"")
                .put("root_cause", "\"disk\"")
                .put("notes", "\"fixed\"");
    }

    static Doc timelineEntry() {
        return new Doc()
                .put("timestamp", "\"2026-01-01T00:00:00Z\"")
                .put("event_type", "\"note\"")
                .put("actor", "\"ann\"")
                .put("description", "\"d\"")
                .put("metadata", "{\"any\":[1,{\"x\":null}]}");
    }

    static Doc note() {
        return new Doc()
                .put("id", "\"" + UUID_B + "\"")
                .put("author", "\"ann\"")
                .put("content", "\"c\"")
                .put("created_at", "\"2026-01-01T00:00:00+02:00\"");
    }

    /** Every field of an incident, valid. */
    static Doc incident() {
        return new Doc()
                .put("id", "\"" + UUID_A + "\"")
                .put("created_at", "\"2026-01-01T00:00:00Z\"")
                .put("updated_at", "\"2026-01-01T00:05:00.123Z\"")
                .put("state", "\"Investigating\"")
                .put("severity", "\"P2\"")
                .put("incident_type", "\"Application\"")
                .put("source", "\"corpus\"")
                .put("title", "\"valid incident\"")
                .put("description", "\"d\"")
                .put("affected_resources", "[\"db\"]")
                .put("labels", "{\"team\":\"a\"}")
                .put("related_incidents", "[\"" + UUID_B + "\"]")
                .put("active_playbook", "\"" + UUID_B + "\"")
                .put("resolution", resolution().toString())
                .put("timeline", "[" + timelineEntry() + "]")
                .put("assignees", "[\"ann\"]")
                .put("notes", "[" + note() + "]")
                .put("fingerprint", "\"fp\"")
                .put("correlation_score", "0.5");
    }

    static final Map<String, Kind> INCIDENT_FIELDS = fields(
            "id",
            Kind.UUID,
            "created_at",
            Kind.TIME,
            "updated_at",
            Kind.TIME,
            "state",
            Kind.ENUM,
            "severity",
            Kind.ENUM,
            "incident_type",
            Kind.ENUM,
            "source",
            Kind.STRING,
            "title",
            Kind.STRING,
            "description",
            Kind.STRING,
            "affected_resources",
            Kind.STRINGS,
            "labels",
            Kind.STRING_MAP,
            "related_incidents",
            Kind.UUIDS,
            "active_playbook",
            Kind.UUID,
            "resolution",
            Kind.OBJECT,
            "timeline",
            Kind.OBJECTS,
            "assignees",
            Kind.STRINGS,
            "notes",
            Kind.OBJECTS,
            "fingerprint",
            Kind.STRING,
            "correlation_score",
            Kind.NUMBER);

    static Doc alert() {
        return new Doc()
                .put("id", "\"" + UUID_B + "\"")
                .put("external_id", "\"ext-1\"")
                .put("source", "\"corpus\"")
                .put("timestamp", "\"2026-01-01T00:00:00Z\"")
                .put("received_at", "\"2026-01-01T00:00:01Z\"")
                .put("severity", "\"P3\"")
                .put("alert_type", "\"Performance\"")
                .put("title", "\"valid alert\"")
                .put("description", "\"d\"")
                .put("labels", "{\"team\":\"a\"}")
                .put("affected_services", "[\"db\"]")
                .put("runbook_url", "\"https://runbooks.example.com/db\"")
                .put("annotations", "{\"a\":\"b\"}")
                .put("incident_id", "\"" + UUID_A + "\"")
                .put("deduplicated", "false")
                .put("parent_alert_id", "\"" + UUID_A + "\"");
    }

    static final Map<String, Kind> ALERT_FIELDS = fields(
            "id",
            Kind.UUID,
            "external_id",
            Kind.STRING,
            "source",
            Kind.STRING,
            "timestamp",
            Kind.TIME,
            "received_at",
            Kind.TIME,
            "severity",
            Kind.ENUM,
            "alert_type",
            Kind.ENUM,
            "title",
            Kind.STRING,
            "description",
            Kind.STRING,
            "labels",
            Kind.STRING_MAP,
            "affected_services",
            Kind.STRINGS,
            "runbook_url",
            Kind.STRING,
            "annotations",
            Kind.STRING_MAP,
            "incident_id",
            Kind.UUID,
            "deduplicated",
            Kind.BOOL,
            "parent_alert_id",
            Kind.UUID);

    /** A valid event of each type, and the kinds of its fields. */
    static final Map<String, Doc> EVENTS = new LinkedHashMap<>();

    static final Map<String, Map<String, Kind>> EVENT_FIELDS = new LinkedHashMap<>();
    static final Map<String, List<String>> EVENT_REQUIRED = new LinkedHashMap<>();

    static {
        String incident = "{\"severity\":\"P3\",\"source\":\"corpus\",\"title\":\"t\"}";
        String alert = "{\"severity\":\"P3\",\"source\":\"corpus\",\"title\":\"t\"}";
        String id = "\"" + UUID_A + "\"";
        String playbook = "\"" + UUID_B + "\"";
        event("incident_created", new Doc().put("incident", incident), fields("incident", Kind.OBJECT), "incident");
        event(
                "incident_updated",
                new Doc().put("incident", incident).put("previous_state", "\"Detected\""),
                fields("incident", Kind.OBJECT, "previous_state", Kind.ENUM),
                "incident");
        event("incident_resolved", new Doc().put("incident", incident), fields("incident", Kind.OBJECT), "incident");
        event("incident_closed", new Doc().put("incident", incident), fields("incident", Kind.OBJECT), "incident");
        event("alert_received", new Doc().put("alert", alert), fields("alert", Kind.OBJECT), "alert");
        event(
                "alert_converted",
                new Doc().put("alert", alert).put("incident_id", id),
                fields("alert", Kind.OBJECT, "incident_id", Kind.UUID),
                "alert",
                "incident_id");
        event(
                "escalated",
                new Doc()
                        .put("incident_id", id)
                        .put("from_severity", "\"P3\"")
                        .put("to_severity", "\"P1\"")
                        .put("reason", "\"r\""),
                fields(
                        "incident_id",
                        Kind.UUID,
                        "from_severity",
                        Kind.ENUM,
                        "to_severity",
                        Kind.ENUM,
                        "reason",
                        Kind.STRING),
                "incident_id",
                "from_severity",
                "to_severity");
        event(
                "playbook_started",
                new Doc().put("incident_id", id).put("playbook_id", playbook).put("playbook_name", "\"p\""),
                fields("incident_id", Kind.UUID, "playbook_id", Kind.UUID, "playbook_name", Kind.STRING),
                "incident_id",
                "playbook_id");
        event(
                "playbook_action_executed",
                new Doc()
                        .put("incident_id", id)
                        .put("playbook_id", playbook)
                        .put("action_name", "\"a\"")
                        .put("success", "true")
                        .put("message", "\"m\""),
                fields(
                        "incident_id",
                        Kind.UUID,
                        "playbook_id",
                        Kind.UUID,
                        "action_name",
                        Kind.STRING,
                        "success",
                        Kind.BOOL,
                        "message",
                        Kind.STRING),
                "incident_id",
                "playbook_id",
                "success");
        event(
                "playbook_completed",
                new Doc()
                        .put("incident_id", id)
                        .put("playbook_id", playbook)
                        .put("success", "false")
                        .put("actions_executed", "3"),
                fields(
                        "incident_id",
                        Kind.UUID,
                        "playbook_id",
                        Kind.UUID,
                        "success",
                        Kind.BOOL,
                        "actions_executed",
                        Kind.INT),
                "incident_id",
                "playbook_id",
                "success",
                "actions_executed");
        event(
                "notification_sent",
                new Doc().put("incident_id", id).put("channel", "\"pager\"").put("success", "true"),
                fields("incident_id", Kind.UUID, "channel", Kind.STRING, "success", Kind.BOOL),
                "incident_id",
                "success");
        event(
                "assignment_changed",
                new Doc().put("incident_id", id).put("assignees", "[\"ann\"]"),
                fields("incident_id", Kind.UUID, "assignees", Kind.STRINGS),
                "incident_id");
        event(
                "comment_added",
                new Doc()
                        .put("incident_id", id)
                        .put("author", "\"ann\"")
                        .put("comment", "\"c\"")
                        .put("timestamp", "\"2026-01-01T00:00:00Z\""),
                fields("incident_id", Kind.UUID, "author", Kind.STRING, "comment", Kind.STRING, "timestamp", Kind.TIME),
                "incident_id");
        event(
                "system_event",
                new Doc().put("category", "\"c\"").put("message", "\"m\"").put("metadata", "{\"k\":\"v\"}"),
                fields("category", Kind.STRING, "message", Kind.STRING, "metadata", Kind.STRING_MAP));
    }

    private static void event(String type, Doc payload, Map<String, Kind> kinds, String... required) {
        Doc event = new Doc().put("event_type", "\"" + type + "\"");
        payload.fields.forEach(event::put);
        EVENTS.put(type, event);
        Map<String, Kind> all = new LinkedHashMap<>(kinds);
        all.put("priority", Kind.ENUM);
        EVENT_FIELDS.put(type, all);
        EVENT_REQUIRED.put(type, List.of(required));
    }

    static String fixedIncident(String description) {
        return "{\"id\":\"" + UUID_A + "\",\"created_at\":\"2026-01-01T00:00:00Z\","
                + "\"updated_at\":\"2026-01-01T00:00:00Z\","
                + "\"severity\":\"P4\",\"source\":\"corpus\",\"title\":\"size\",\"description\":\"" + description
                + "\"}";
    }

    static final Map<String, String> VALID_BODIES = Map.of(
            "/api/v1/events", "{\"event_type\":\"system_event\",\"category\":\"corpus\",\"message\":\"m\"}",
            "/api/v1/incidents", incident().toString(),
            "/api/v1/alerts", alert().toString());
    static final List<String> INGEST = List.of("/api/v1/events", "/api/v1/incidents", "/api/v1/alerts");
}
