package io.incidentstream.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An incident. The server sends every field; when publishing, leave out (null) what should take
 * its default: only {@code severity}, {@code source} and {@code title} are required.
 */
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

    /** A new incident to publish, every optional field left to the server's default. */
    public static Incident of(Severity severity, String source, String title) {
        return new Incident(
                null, null, null, null, severity, null, source, title, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    public Incident withId(UUID newId) {
        return new Incident(
                newId,
                createdAt,
                updatedAt,
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
                assignees,
                notes,
                fingerprint,
                correlationScore);
    }

    public Incident withLabels(Map<String, String> newLabels) {
        return new Incident(
                id,
                createdAt,
                updatedAt,
                state,
                severity,
                incidentType,
                source,
                title,
                description,
                affectedResources,
                newLabels,
                relatedIncidents,
                activePlaybook,
                resolution,
                timeline,
                assignees,
                notes,
                fingerprint,
                correlationScore);
    }

    public Incident withState(IncidentState newState) {
        return new Incident(
                id,
                createdAt,
                updatedAt,
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

    /** How it was resolved. */
    public record Resolution(
            Instant resolvedAt, String resolvedBy, ResolutionMethod resolutionMethod, String rootCause, String notes) {}

    /** One entry of the incident's timeline; {@code metadata} is any JSON object. */
    public record TimelineEntry(
            Instant timestamp, String eventType, String actor, String description, Map<String, Object> metadata) {}

    /** A note on the incident. */
    public record Note(UUID id, String author, String content, Instant createdAt) {}
}
