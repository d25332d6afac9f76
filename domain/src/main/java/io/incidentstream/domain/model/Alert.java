package io.incidentstream.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An alert from a monitoring system; {@code incidentId} names the incident it belongs to, if any. */
public record Alert(
        UUID id,
        String externalId,
        String source,
        Instant timestamp,
        Instant receivedAt,
        Severity severity,
        IncidentType alertType,
        String title,
        String description,
        Map<String, String> labels,
        List<String> affectedServices,
        String runbookUrl,
        Map<String, String> annotations,
        UUID incidentId,
        boolean deduplicated,
        UUID parentAlertId) {

    public Alert {
        Check.required(id, "id");
        externalId = Check.orEmpty(externalId);
        Check.length(source, 1, Incident.MAX_SOURCE_LENGTH, "source");
        Check.required(timestamp, "timestamp");
        Check.required(receivedAt, "received_at");
        Check.required(severity, "severity");
        Check.required(alertType, "alert_type");
        Check.length(title, 1, Incident.MAX_TITLE_LENGTH, "title");
        description = Check.orEmpty(description);
        labels = Check.map(labels, "labels");
        affectedServices = Check.list(affectedServices, "affected_services");
        annotations = Check.map(annotations, "annotations");
    }
}
