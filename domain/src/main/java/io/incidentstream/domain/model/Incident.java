package io.incidentstream.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An incident as the incident manager publishes it; every field is present once constructed. */
public record Incident(
        UUID id,
        Instant createdAt,
        Instant updatedAt,
        IncidentState state,
        Severity severity,
        IncidentType incidentType,
        String source,
        String title,
        String description,
        List<String> affectedResources,
        Map<String, String> labels,
        List<UUID> relatedIncidents,
        UUID activePlaybook,
        Resolution resolution,
        List<TimelineEntry> timeline,
        List<String> assignees,
        List<Note> notes,
        String fingerprint,
        Double correlationScore) {

    public static final int MAX_SOURCE_LENGTH = 255;
    public static final int MAX_TITLE_LENGTH = 500;

    public Incident {
        Check.required(id, "id");
        Check.required(createdAt, "created_at");
        Check.required(updatedAt, "updated_at");
        Check.required(state, "state");
        Check.required(severity, "severity");
        Check.required(incidentType, "incident_type");
        Check.length(source, 1, MAX_SOURCE_LENGTH, "source");
        Check.length(title, 1, MAX_TITLE_LENGTH, "title");
        description = Check.orEmpty(description);
        affectedResources = Check.list(affectedResources, "affected_resources");
        labels = Check.map(labels, "labels");
        relatedIncidents = Check.list(relatedIncidents, "related_incidents");
        timeline = Check.list(timeline, "timeline");
        assignees = Check.list(assignees, "assignees");
        notes = Check.list(notes, "notes");
        if (correlationScore != null && !Double.isFinite(correlationScore)) {
            throw new InvalidValueException("correlation_score", "must be a finite number");
        }
    }

    public Incident withSeverity(Severity newSeverity, Instant at) {
        return new Incident(
                id,
                createdAt,
                at,
                state,
                newSeverity,
                incidentType,
                source,
                title,
                description,
                affectedResources,
                labels,
                relatedIncidents,
                activePlaybook,
                resolution,
                timeline,
                assignees,
                notes,
                fingerprint,
                correlationScore);
    }

    public Incident withAssignees(List<String> newAssignees, Instant at) {
        return new Incident(
                id,
                createdAt,
                at,
                state,
                severity,
                incidentType,
                source,
                title,
                description,
                affectedResources,
                labels,
                relatedIncidents,
                activePlaybook,
                resolution,
                timeline,
                newAssignees,
                notes,
                fingerprint,
                correlationScore);
    }

    public Incident withState(IncidentState newState, Instant at) {
        return new Incident(
                id,
                createdAt,
                at,
                newState,
                severity,
                incidentType,
                source,
                title,
                description,
                affectedResources,
                labels,
                relatedIncidents,
                activePlaybook,
                resolution,
                timeline,
                assignees,
                notes,
                fingerprint,
                correlationScore);
    }
}
