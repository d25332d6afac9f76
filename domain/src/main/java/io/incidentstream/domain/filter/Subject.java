package io.incidentstream.domain.filter;

import io.incidentstream.domain.model.Alert;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The attributes filters look at: what an event is about, at one moment. Any of them may be null
 * (unknown), and a filter key that needs an unknown value does not match.
 *
 * <p>Labels are also kept as parallel lists so that routing can walk them without allocating an iterator.
 */
public record Subject(
        UUID incidentId,
        Severity severity,
        IncidentState state,
        String source,
        List<String> resources,
        Map<String, String> labels,
        List<String> labelKeys,
        List<String> labelValues) {

    public Subject {
        resources = resources == null ? List.of() : List.copyOf(resources);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        labelKeys = List.copyOf(labels.keySet());
        labelValues = labelKeys.stream().map(labels::get).toList();
    }

    public static Subject of(
            UUID incidentId,
            Severity severity,
            IncidentState state,
            String source,
            List<String> resources,
            Map<String, String> labels) {
        return new Subject(incidentId, severity, state, source, resources, labels, null, null);
    }

    public static Subject of(Incident incident) {
        return of(
                incident.id(),
                incident.severity(),
                incident.state(),
                incident.source(),
                incident.affectedResources(),
                incident.labels());
    }

    /** An incident the server does not know: only its id is known. */
    public static Subject unknownIncident(UUID incidentId) {
        return of(incidentId, null, null, null, List.of(), Map.of());
    }

    /** An alert, with the state of its incident when that incident is known. */
    public static Subject of(Alert alert, UUID incidentId, IncidentState incidentState) {
        return of(
                incidentId, alert.severity(), incidentState, alert.source(), alert.affectedServices(), alert.labels());
    }

    public Subject withSeverity(Severity newSeverity) {
        return of(incidentId, newSeverity, state, source, resources, labels);
    }
}
