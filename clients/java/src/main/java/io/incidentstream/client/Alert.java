package io.incidentstream.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An alert. The server sends every field; when publishing, leave out (null) what should take its
 * default: only {@code source}, {@code severity} and {@code title} are required.
 */
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
        Boolean deduplicated,
        UUID parentAlertId) {

    /** A new alert to publish, every optional field left to the server's default. */
    public static Alert of(Severity severity, String source, String title) {
        return new Alert(
                null, null, source, null, null, severity, null, title, null, null, null, null, null, null, null, null);
    }
}
