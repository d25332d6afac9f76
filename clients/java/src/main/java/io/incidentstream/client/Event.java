package io.incidentstream.client;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The 14 events of the stream, tagged by {@code event_type} on the wire. The same records are
 * received from the stream and published through {@link Publisher}: when publishing, a null field
 * is left out and takes the server's default.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "event_type")
@JsonSubTypes({
    @JsonSubTypes.Type(Event.IncidentCreated.class), @JsonSubTypes.Type(Event.IncidentUpdated.class),
    @JsonSubTypes.Type(Event.IncidentResolved.class), @JsonSubTypes.Type(Event.IncidentClosed.class),
    @JsonSubTypes.Type(Event.AlertReceived.class), @JsonSubTypes.Type(Event.AlertConverted.class),
    @JsonSubTypes.Type(Event.Escalated.class), @JsonSubTypes.Type(Event.PlaybookStarted.class),
    @JsonSubTypes.Type(Event.PlaybookActionExecuted.class), @JsonSubTypes.Type(Event.PlaybookCompleted.class),
    @JsonSubTypes.Type(Event.NotificationSent.class), @JsonSubTypes.Type(Event.AssignmentChanged.class),
    @JsonSubTypes.Type(Event.CommentAdded.class), @JsonSubTypes.Type(Event.SystemEvent.class)
})
public sealed interface Event {

    /** The incident this event is about, or null (alerts without one, system events). */
    UUID incidentId();

    @JsonTypeName("incident_created")
    record IncidentCreated(Incident incident) implements Event {
        public UUID incidentId() {
            return incident == null ? null : incident.id();
        }
    }

    @JsonTypeName("incident_updated")
    record IncidentUpdated(Incident incident, IncidentState previousState) implements Event {
        public UUID incidentId() {
            return incident == null ? null : incident.id();
        }
    }

    @JsonTypeName("incident_resolved")
    record IncidentResolved(Incident incident) implements Event {
        public UUID incidentId() {
            return incident == null ? null : incident.id();
        }
    }

    @JsonTypeName("incident_closed")
    record IncidentClosed(Incident incident) implements Event {
        public UUID incidentId() {
            return incident == null ? null : incident.id();
        }
    }

    @JsonTypeName("alert_received")
    record AlertReceived(Alert alert) implements Event {
        public UUID incidentId() {
            return alert == null ? null : alert.incidentId();
        }
    }

    @JsonTypeName("alert_converted")
    record AlertConverted(Alert alert, UUID incidentId) implements Event {}

    @JsonTypeName("escalated")
    record Escalated(UUID incidentId, Severity fromSeverity, Severity toSeverity, String reason) implements Event {}

    @JsonTypeName("playbook_started")
    record PlaybookStarted(UUID incidentId, UUID playbookId, String playbookName) implements Event {}

    @JsonTypeName("playbook_action_executed")
    record PlaybookActionExecuted(UUID incidentId, UUID playbookId, String actionName, Boolean success, String message)
            implements Event {}

    @JsonTypeName("playbook_completed")
    record PlaybookCompleted(UUID incidentId, UUID playbookId, Boolean success, Integer actionsExecuted)
            implements Event {}

    @JsonTypeName("notification_sent")
    record NotificationSent(UUID incidentId, String channel, Boolean success) implements Event {}

    @JsonTypeName("assignment_changed")
    record AssignmentChanged(UUID incidentId, List<String> assignees) implements Event {}

    @JsonTypeName("comment_added")
    record CommentAdded(UUID incidentId, String author, String comment, Instant timestamp) implements Event {}

    @JsonTypeName("system_event")
    record SystemEvent(String category, String message, Map<String, String> metadata) implements Event {
        public UUID incidentId() {
            return null;
        }
    }
}
