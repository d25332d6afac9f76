package io.incidentstream.client;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a subscription selects. Every key is optional (null or empty: no constraint); lists match by
 * membership, {@code affectedResources} on any overlap, {@code labels} when every pair matches.
 */
public record Filters(
        List<String> eventTypes,
        List<Severity> severities,
        List<IncidentState> states,
        List<String> sources,
        List<String> affectedResources,
        Map<String, String> labels,
        List<UUID> incidentIds) {

    /** Every event. */
    public static Filters all() {
        return new Filters(null, null, null, null, null, null, null);
    }

    public static Filters severities(Severity... values) {
        return all().withSeverities(List.of(values));
    }

    public static Filters incidents(UUID... ids) {
        return all().withIncidentIds(List.of(ids));
    }

    public Filters withSeverities(List<Severity> values) {
        return new Filters(eventTypes, values, states, sources, affectedResources, labels, incidentIds);
    }

    public Filters withEventTypes(List<String> values) {
        return new Filters(values, severities, states, sources, affectedResources, labels, incidentIds);
    }

    public Filters withLabels(Map<String, String> values) {
        return new Filters(eventTypes, severities, states, sources, affectedResources, values, incidentIds);
    }

    public Filters withIncidentIds(List<UUID> values) {
        return new Filters(eventTypes, severities, states, sources, affectedResources, labels, values);
    }
}
