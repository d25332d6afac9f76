package io.incidentstream.application.alerts;

import io.incidentstream.application.port.in.AlertNotification;
import io.incidentstream.domain.model.Alert;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.IncidentType;
import io.incidentstream.domain.model.Resolution;
import io.incidentstream.domain.model.ResolutionMethod;
import io.incidentstream.domain.model.Severity;
import io.incidentstream.domain.model.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a notified alert into the stream's {@link Alert} and {@link Incident}, field by field as the
 * protocol's section 11 says. Pure: ids and times are given.
 */
final class AlertMapping {

    /**
     * The labels that name what is affected, in the order their values are listed in
     * {@code affected_resources} (and the alert's {@code affected_services}); a value already listed is
     * not repeated.
     */
    static final List<String> RESOURCE_LABELS = List.of("service", "job", "instance", "namespace", "pod");

    private final SeverityMap severities;

    AlertMapping(SeverityMap severities) {
        this.severities = severities;
    }

    Alert alert(
            AlertNotification.Source source,
            AlertNotification.Alert notified,
            UUID id,
            Instant receivedAt,
            UUID incidentId,
            boolean deduplicated) {
        Map<String, String> annotations = notified.annotations();
        return new Alert(
                id,
                notified.fingerprint(),
                source.wire(),
                notified.startsAt(),
                receivedAt,
                severity(notified),
                type(notified),
                title(notified),
                annotations.get("description"),
                notified.labels(),
                resources(notified),
                blankToNull(annotations.get("runbook_url")),
                annotations,
                incidentId,
                deduplicated,
                null);
    }

    /** The incident a new episode opens, with the opening alert's links in its description and timeline. */
    Incident incident(
            AlertNotification.Source source, AlertNotification.Alert opener, UUID id, String fingerprint, Instant now) {
        String title = title(opener);
        TimelineEntry fired = new TimelineEntry(
                opener.startsAt(),
                "alert_firing",
                source.wire(),
                title + " started firing",
                links(opener, "starts_at", opener.startsAt()));
        return new Incident(
                id,
                now,
                now,
                IncidentState.DETECTED,
                severity(opener),
                type(opener),
                source.wire(),
                title,
                description(opener),
                resources(opener),
                opener.labels(),
                List.of(),
                null,
                null,
                List.of(fired),
                List.of(),
                List.of(),
                fingerprint,
                null);
    }

    /**
     * {@code open} resolved by the sender: state {@code Resolved}, a resolution by {@code source}
     * ({@code Automated}), and a timeline entry for the alert that resolved it.
     */
    Incident resolved(
            Incident open,
            AlertNotification.Source source,
            AlertNotification.Alert resolver,
            Instant resolvedAt,
            Instant now) {
        List<TimelineEntry> timeline = new ArrayList<>(open.timeline());
        timeline.add(new TimelineEntry(
                resolvedAt,
                "alert_resolved",
                source.wire(),
                title(resolver) + " resolved",
                links(resolver, "ends_at", resolvedAt)));
        Resolution resolution = new Resolution(
                resolvedAt,
                source.wire(),
                ResolutionMethod.AUTOMATED,
                null,
                "The alert resolved in " + source.wire() + ".");
        return new Incident(
                open.id(),
                open.createdAt(),
                now,
                IncidentState.RESOLVED,
                open.severity(),
                open.incidentType(),
                open.source(),
                open.title(),
                open.description(),
                open.affectedResources(),
                open.labels(),
                open.relatedIncidents(),
                open.activePlaybook(),
                resolution,
                timeline,
                open.assignees(),
                open.notes(),
                open.fingerprint(),
                open.correlationScore());
    }

    Severity severity(AlertNotification.Alert notified) {
        return severities.severityOf(notified.labels().get("severity"));
    }

    /** Annotation {@code summary}, else label {@code alertname}, else the fingerprint: never empty. */
    static String title(AlertNotification.Alert notified) {
        String title = blankToNull(notified.annotations().get("summary"));
        if (title == null) {
            title = blankToNull(notified.labels().get("alertname"));
        }
        if (title == null) {
            title = "alert " + notified.fingerprint();
        }
        return truncate(title.strip(), Incident.MAX_TITLE_LENGTH);
    }

    static List<String> resources(AlertNotification.Alert notified) {
        Set<String> values = new LinkedHashSet<>();
        for (String label : RESOURCE_LABELS) {
            String value = blankToNull(notified.labels().get(label));
            if (value != null) {
                values.add(value);
            }
        }
        return List.copyOf(values);
    }

    private static IncidentType type(AlertNotification.Alert notified) {
        String label = notified.labels().get("incident_type");
        for (IncidentType type : IncidentType.values()) {
            if (type.wire().equals(label)) {
                return type;
            }
        }
        return IncidentType.UNKNOWN;
    }

    /** The alert's description, then where to act: its runbook and the rule or graph that produced it. */
    private static String description(AlertNotification.Alert notified) {
        List<String> parts = new ArrayList<>();
        String description = blankToNull(notified.annotations().get("description"));
        if (description != null) {
            parts.add(description);
        }
        String runbook = blankToNull(notified.annotations().get("runbook_url"));
        if (runbook != null) {
            parts.add("Runbook: " + runbook);
        }
        if (!notified.generatorUrl().isBlank()) {
            parts.add("Source: " + notified.generatorUrl());
        }
        return String.join("\n\n", parts);
    }

    private static Map<String, Object> links(AlertNotification.Alert notified, String when, Instant at) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("fingerprint", notified.fingerprint());
        metadata.put(when, at.toString());
        if (!notified.generatorUrl().isBlank()) {
            metadata.put("generator_url", notified.generatorUrl());
        }
        String runbook = blankToNull(notified.annotations().get("runbook_url"));
        if (runbook != null) {
            metadata.put("runbook_url", runbook);
        }
        return metadata;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String truncate(String text, int maxCodePoints) {
        if (text.codePointCount(0, text.length()) <= maxCodePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxCodePoints - 1)) + "…";
    }
}
