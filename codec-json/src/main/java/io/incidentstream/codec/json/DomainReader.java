package io.incidentstream.codec.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.domain.event.AlertConverted;
import io.incidentstream.domain.event.AlertReceived;
import io.incidentstream.domain.event.AssignmentChanged;
import io.incidentstream.domain.event.CommentAdded;
import io.incidentstream.domain.event.Escalated;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.event.IncidentClosed;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.event.IncidentLinkedEvent;
import io.incidentstream.domain.event.IncidentResolved;
import io.incidentstream.domain.event.IncidentUpdated;
import io.incidentstream.domain.event.NotificationSent;
import io.incidentstream.domain.event.PlaybookActionExecuted;
import io.incidentstream.domain.event.PlaybookCompleted;
import io.incidentstream.domain.event.PlaybookStarted;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Alert;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.IncidentType;
import io.incidentstream.domain.model.Note;
import io.incidentstream.domain.model.Resolution;
import io.incidentstream.domain.model.ResolutionMethod;
import io.incidentstream.domain.model.Severity;
import io.incidentstream.domain.model.TimelineEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Reads incidents, alerts, events and filters from JSON. Optional fields may be omitted and take
 * their documented defaults (a new id, the current time, {@code Detected}, {@code Unknown}, empty
 * collections, null); unknown fields are ignored, except in filters, where a misspelt key would
 * silently widen a subscription.
 */
public final class DomainReader {

    private static final Set<String> FILTER_KEYS =
            Set.of("event_types", "severities", "states", "sources", "affected_resources", "labels", "incident_ids");

    private final Clock clock;
    private final Supplier<UUID> newId;

    public DomainReader(Clock clock, Supplier<UUID> newId) {
        this.clock = clock;
        this.newId = newId;
    }

    public Incident incident(Fields in) {
        Instant now = clock.instant();
        Instant createdAt = orElse(in.optInstant("created_at"), now);
        UUID id = idOrNew(in, "id");
        IncidentState state = orElse(in.optEnum("state", IncidentState::parse), IncidentState.DETECTED);
        Severity severity = in.enumOf("severity", Severity::parse);
        IncidentType type = orElse(in.optEnum("incident_type", IncidentType::parse), IncidentType.UNKNOWN);
        Instant updatedAt = orElse(in.optInstant("updated_at"), createdAt);
        Resolution resolution = in.has("resolution") ? resolution(in.object("resolution")) : null;
        var timeline = in.list("timeline", (node, at) -> timelineEntry(Fields.of(node, at, at)));
        var notes = in.list("notes", (node, at) -> note(Fields.of(node, at, at)));
        return in.domain(() -> new Incident(
                id,
                createdAt,
                updatedAt,
                state,
                severity,
                type,
                in.text("source"),
                in.text("title"),
                in.optText("description"),
                in.stringList("affected_resources"),
                in.stringMap("labels"),
                in.uuidList("related_incidents"),
                in.optUuid("active_playbook"),
                resolution,
                timeline,
                in.stringList("assignees"),
                notes,
                in.optText("fingerprint"),
                in.optNumber("correlation_score")));
    }

    public Alert alert(Fields in) {
        Instant now = clock.instant();
        UUID id = idOrNew(in, "id");
        Instant timestamp = orElse(in.optInstant("timestamp"), now);
        Instant receivedAt = orElse(in.optInstant("received_at"), now);
        Severity severity = in.enumOf("severity", Severity::parse);
        IncidentType type = orElse(in.optEnum("alert_type", IncidentType::parse), IncidentType.UNKNOWN);
        return in.domain(() -> new Alert(
                id,
                in.optText("external_id"),
                in.text("source"),
                timestamp,
                receivedAt,
                severity,
                type,
                in.text("title"),
                in.optText("description"),
                in.stringMap("labels"),
                in.stringList("affected_services"),
                in.optText("runbook_url"),
                in.stringMap("annotations"),
                in.optUuid("incident_id"),
                in.optBool("deduplicated", false),
                in.optUuid("parent_alert_id")));
    }

    /**
     * An event tagged by {@code event_type}, with its payload fields beside the tag. The (ext)
     * {@code incident} of an incident-linked event is read when present (so that an event written by
     * {@link DomainWriter} reads back whole); admission replaces it with what the server knows.
     */
    public Event event(Fields in) {
        Event event = payload(in);
        if (event instanceof IncidentLinkedEvent linked && in.has("incident")) {
            return linked.withIncident(incident(in.object("incident")));
        }
        return event;
    }

    /**
     * An event as a publisher sends it. An incident-linked event's {@code incident} is not read at
     * all: admission fills in the incident as the server knows it, so a stale or partial copy a
     * publisher sends along is dropped rather than refused.
     */
    public Event published(Fields in) {
        return payload(in);
    }

    private Event payload(Fields in) {
        EventType type = in.enumOf("event_type", EventType::parse);
        return in.domain(() -> switch (type) {
            case INCIDENT_CREATED -> new IncidentCreated(incident(in.object("incident")));
            case INCIDENT_UPDATED ->
                new IncidentUpdated(
                        incident(in.object("incident")), in.optEnum("previous_state", IncidentState::parse));
            case INCIDENT_RESOLVED -> new IncidentResolved(incident(in.object("incident")));
            case INCIDENT_CLOSED -> new IncidentClosed(incident(in.object("incident")));
            case ALERT_RECEIVED -> new AlertReceived(alert(in.object("alert")));
            case ALERT_CONVERTED -> new AlertConverted(alert(in.object("alert")), in.uuid("incident_id"));
            case ESCALATED ->
                new Escalated(
                        in.uuid("incident_id"),
                        in.enumOf("from_severity", Severity::parse),
                        in.enumOf("to_severity", Severity::parse),
                        in.optText("reason"));
            case PLAYBOOK_STARTED ->
                new PlaybookStarted(in.uuid("incident_id"), in.uuid("playbook_id"), in.optText("playbook_name"));
            case PLAYBOOK_ACTION_EXECUTED ->
                new PlaybookActionExecuted(
                        in.uuid("incident_id"),
                        in.uuid("playbook_id"),
                        in.optText("action_name"),
                        in.bool("success"),
                        in.optText("message"));
            case PLAYBOOK_COMPLETED ->
                new PlaybookCompleted(
                        in.uuid("incident_id"),
                        in.uuid("playbook_id"),
                        in.bool("success"),
                        in.integer("actions_executed"));
            case NOTIFICATION_SENT ->
                new NotificationSent(in.uuid("incident_id"), in.optText("channel"), in.bool("success"));
            case ASSIGNMENT_CHANGED -> new AssignmentChanged(in.uuid("incident_id"), in.stringList("assignees"));
            case COMMENT_ADDED ->
                new CommentAdded(
                        in.uuid("incident_id"),
                        in.optText("author"),
                        in.optText("comment"),
                        orElse(in.optInstant("timestamp"), clock.instant()));
            case SYSTEM_EVENT ->
                new SystemEvent(in.optText("category"), in.optText("message"), in.stringMap("metadata"));
        });
    }

    /** A subscription filter; absent means match everything, and every key is optional. */
    public Filter filter(Fields in) {
        if (in == null) {
            return Filter.all();
        }
        for (Iterator<String> names = in.names(); names.hasNext(); ) {
            String name = names.next();
            if (!FILTER_KEYS.contains(name)) {
                throw new InvalidJsonException(
                        in.path(name),
                        "unknown filter key '" + Fields.abbreviate(name)
                                + "' (expected event_types, severities, states, sources, affected_resources, labels,"
                                + " incident_ids)");
            }
        }
        return new Filter(
                in.enumList("event_types", EventType::parse),
                in.enumList("severities", Severity::parse),
                in.enumList("states", IncidentState::parse),
                in.stringList("sources"),
                in.stringList("affected_resources"),
                in.stringMap("labels"),
                in.uuidList("incident_ids"));
    }

    private Resolution resolution(Fields in) {
        Instant resolvedAt = orElse(in.optInstant("resolved_at"), clock.instant());
        ResolutionMethod method = in.enumOf("resolution_method", ResolutionMethod::parse);
        return in.domain(() -> new Resolution(
                resolvedAt, in.optText("resolved_by"), method, in.optText("root_cause"), in.optText("notes")));
    }

    private TimelineEntry timelineEntry(Fields in) {
        Instant timestamp = orElse(in.optInstant("timestamp"), clock.instant());
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = in.has("metadata")
                ? (Map<String, Object>) PlainJson.toPlain(in.object("metadata").raw(null), in.path("metadata"))
                : Map.of();
        return in.domain(() -> new TimelineEntry(
                timestamp, in.optText("event_type"), in.optText("actor"), in.optText("description"), metadata));
    }

    private Note note(Fields in) {
        UUID id = idOrNew(in, "id");
        Instant createdAt = orElse(in.optInstant("created_at"), clock.instant());
        return in.domain(() -> new Note(id, in.optText("author"), in.optText("content"), createdAt));
    }

    private UUID idOrNew(Fields in, String name) {
        UUID id = in.optUuid(name);
        return id != null ? id : newId.get();
    }

    private static <T> T orElse(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    /** Parses a JSON document into an event, for callers holding raw text. */
    public Event event(JsonNode node, String path) {
        return event(Fields.of(node, path, path == null ? "the event" : path));
    }
}
