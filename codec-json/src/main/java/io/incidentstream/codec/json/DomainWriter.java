package io.incidentstream.codec.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.incidentstream.domain.event.AlertConverted;
import io.incidentstream.domain.event.AlertReceived;
import io.incidentstream.domain.event.AssignmentChanged;
import io.incidentstream.domain.event.CommentAdded;
import io.incidentstream.domain.event.Escalated;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.IncidentEvent;
import io.incidentstream.domain.event.IncidentLinkedEvent;
import io.incidentstream.domain.event.IncidentUpdated;
import io.incidentstream.domain.event.NotificationSent;
import io.incidentstream.domain.event.PlaybookActionExecuted;
import io.incidentstream.domain.event.PlaybookCompleted;
import io.incidentstream.domain.event.PlaybookStarted;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Alert;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.Note;
import io.incidentstream.domain.model.Resolution;
import io.incidentstream.domain.model.TimelineEntry;
import io.incidentstream.domain.model.WireEnum;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/** Writes incidents, alerts, events and filters as JSON, every field present, in the protocol's spelling. */
public final class DomainWriter {

    private DomainWriter() {}

    public static void incident(JsonGenerator out, Incident incident) throws IOException {
        out.writeStartObject();
        uuid(out, "id", incident.id());
        instant(out, "created_at", incident.createdAt());
        instant(out, "updated_at", incident.updatedAt());
        out.writeStringField("state", incident.state().wire());
        out.writeStringField("severity", incident.severity().wire());
        out.writeStringField("incident_type", incident.incidentType().wire());
        out.writeStringField("source", incident.source());
        out.writeStringField("title", incident.title());
        out.writeStringField("description", incident.description());
        strings(out, "affected_resources", incident.affectedResources());
        stringMap(out, "labels", incident.labels());
        out.writeArrayFieldStart("related_incidents");
        for (UUID related : incident.relatedIncidents()) {
            out.writeString(related.toString());
        }
        out.writeEndArray();
        uuid(out, "active_playbook", incident.activePlaybook());
        out.writeFieldName("resolution");
        resolution(out, incident.resolution());
        out.writeArrayFieldStart("timeline");
        for (TimelineEntry entry : incident.timeline()) {
            timelineEntry(out, entry);
        }
        out.writeEndArray();
        strings(out, "assignees", incident.assignees());
        out.writeArrayFieldStart("notes");
        for (Note note : incident.notes()) {
            note(out, note);
        }
        out.writeEndArray();
        out.writeStringField("fingerprint", incident.fingerprint());
        out.writeFieldName("correlation_score");
        if (incident.correlationScore() == null) {
            out.writeNull();
        } else {
            out.writeNumber(incident.correlationScore());
        }
        out.writeEndObject();
    }

    public static void alert(JsonGenerator out, Alert alert) throws IOException {
        out.writeStartObject();
        uuid(out, "id", alert.id());
        out.writeStringField("external_id", alert.externalId());
        out.writeStringField("source", alert.source());
        instant(out, "timestamp", alert.timestamp());
        instant(out, "received_at", alert.receivedAt());
        out.writeStringField("severity", alert.severity().wire());
        out.writeStringField("alert_type", alert.alertType().wire());
        out.writeStringField("title", alert.title());
        out.writeStringField("description", alert.description());
        stringMap(out, "labels", alert.labels());
        strings(out, "affected_services", alert.affectedServices());
        out.writeStringField("runbook_url", alert.runbookUrl());
        stringMap(out, "annotations", alert.annotations());
        uuid(out, "incident_id", alert.incidentId());
        out.writeBooleanField("deduplicated", alert.deduplicated());
        uuid(out, "parent_alert_id", alert.parentAlertId());
        out.writeEndObject();
    }

    /**
     * An event: {@code event_type} first, then its payload fields, and for an incident-linked event
     * the (ext) {@code incident} it is about (null when unknown).
     */
    public static void event(JsonGenerator out, Event event) throws IOException {
        out.writeStartObject();
        out.writeStringField("event_type", event.type().wire());
        if (event instanceof IncidentEvent incidentEvent) {
            out.writeFieldName("incident");
            incident(out, incidentEvent.incident());
            if (event instanceof IncidentUpdated updated) {
                enumField(out, "previous_state", updated.previousState());
            }
        } else if (event instanceof AlertReceived received) {
            out.writeFieldName("alert");
            alert(out, received.alert());
        } else if (event instanceof AlertConverted converted) {
            out.writeFieldName("alert");
            alert(out, converted.alert());
            uuid(out, "incident_id", converted.incidentId());
        } else if (event instanceof Escalated escalated) {
            uuid(out, "incident_id", escalated.incidentId());
            enumField(out, "from_severity", escalated.fromSeverity());
            enumField(out, "to_severity", escalated.toSeverity());
            out.writeStringField("reason", escalated.reason());
        } else if (event instanceof PlaybookStarted started) {
            uuid(out, "incident_id", started.incidentId());
            uuid(out, "playbook_id", started.playbookId());
            out.writeStringField("playbook_name", started.playbookName());
        } else if (event instanceof PlaybookActionExecuted action) {
            uuid(out, "incident_id", action.incidentId());
            uuid(out, "playbook_id", action.playbookId());
            out.writeStringField("action_name", action.actionName());
            out.writeBooleanField("success", action.success());
            out.writeStringField("message", action.message());
        } else if (event instanceof PlaybookCompleted completed) {
            uuid(out, "incident_id", completed.incidentId());
            uuid(out, "playbook_id", completed.playbookId());
            out.writeBooleanField("success", completed.success());
            out.writeNumberField("actions_executed", completed.actionsExecuted());
        } else if (event instanceof NotificationSent sent) {
            uuid(out, "incident_id", sent.incidentId());
            out.writeStringField("channel", sent.channel());
            out.writeBooleanField("success", sent.success());
        } else if (event instanceof AssignmentChanged changed) {
            uuid(out, "incident_id", changed.incidentId());
            strings(out, "assignees", changed.assignees());
        } else if (event instanceof CommentAdded comment) {
            uuid(out, "incident_id", comment.incidentId());
            out.writeStringField("author", comment.author());
            out.writeStringField("comment", comment.comment());
            instant(out, "timestamp", comment.timestamp());
        } else if (event instanceof SystemEvent system) {
            out.writeStringField("category", system.category());
            out.writeStringField("message", system.message());
            stringMap(out, "metadata", system.metadata());
        }
        if (event instanceof IncidentLinkedEvent linked) {
            // (ext) Always present on these types: null when the server does not know the incident.
            out.writeFieldName("incident");
            if (linked.incident() == null) {
                out.writeNull();
            } else {
                incident(out, linked.incident());
            }
        }
        out.writeEndObject();
    }

    /**
     * A filter, normalised: every key present, each list sorted (the enums in their declared order,
     * text by its characters), so that the order a client listed values in never shows.
     */
    public static void filter(JsonGenerator out, Filter filter) throws IOException {
        out.writeStartObject();
        enums(out, "event_types", filter.eventTypes());
        enums(out, "severities", filter.severities());
        enums(out, "states", filter.states());
        strings(out, "sources", new TreeSet<>(filter.sources()));
        strings(out, "affected_resources", new TreeSet<>(filter.affectedResources()));
        stringMap(out, "labels", filter.labels());
        TreeSet<String> incidentIds = new TreeSet<>();
        filter.incidentIds().forEach(id -> incidentIds.add(id.toString()));
        strings(out, "incident_ids", incidentIds);
        out.writeEndObject();
    }

    public static void instant(JsonGenerator out, String name, Instant value) throws IOException {
        out.writeStringField(name, value == null ? null : Json.timestamp(value));
    }

    private static void resolution(JsonGenerator out, Resolution resolution) throws IOException {
        if (resolution == null) {
            out.writeNull();
            return;
        }
        out.writeStartObject();
        instant(out, "resolved_at", resolution.resolvedAt());
        out.writeStringField("resolved_by", resolution.resolvedBy());
        out.writeStringField("resolution_method", resolution.resolutionMethod().wire());
        out.writeStringField("root_cause", resolution.rootCause());
        out.writeStringField("notes", resolution.notes());
        out.writeEndObject();
    }

    private static void timelineEntry(JsonGenerator out, TimelineEntry entry) throws IOException {
        out.writeStartObject();
        instant(out, "timestamp", entry.timestamp());
        out.writeStringField("event_type", entry.eventType());
        out.writeStringField("actor", entry.actor());
        out.writeStringField("description", entry.description());
        out.writeFieldName("metadata");
        PlainJson.write(out, entry.metadata());
        out.writeEndObject();
    }

    private static void note(JsonGenerator out, Note note) throws IOException {
        out.writeStartObject();
        uuid(out, "id", note.id());
        out.writeStringField("author", note.author());
        out.writeStringField("content", note.content());
        instant(out, "created_at", note.createdAt());
        out.writeEndObject();
    }

    private static void uuid(JsonGenerator out, String name, UUID value) throws IOException {
        out.writeStringField(name, value == null ? null : value.toString());
    }

    private static void enumField(JsonGenerator out, String name, WireEnum value) throws IOException {
        out.writeStringField(name, value == null ? null : value.wire());
    }

    private static void strings(JsonGenerator out, String name, Collection<String> values) throws IOException {
        out.writeArrayFieldStart(name);
        for (String value : values) {
            out.writeString(value);
        }
        out.writeEndArray();
    }

    private static void enums(JsonGenerator out, String name, Collection<? extends WireEnum> values)
            throws IOException {
        out.writeArrayFieldStart(name);
        for (WireEnum value : values) {
            out.writeString(value.wire());
        }
        out.writeEndArray();
    }

    private static void stringMap(JsonGenerator out, String name, Map<String, String> values) throws IOException {
        out.writeObjectFieldStart(name);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            out.writeStringField(entry.getKey(), entry.getValue());
        }
        out.writeEndObject();
    }
}
