package io.incidentstream.application.view;

import io.incidentstream.application.port.in.IncidentQuery;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.filter.Subject;
import io.incidentstream.domain.model.Incident;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest known state of each incident, fed by admission in seq order. Filters on
 * incident-linked events and the read API look here. Written by admission only; read anywhere.
 */
public final class IncidentView implements IncidentQuery {

    private final Map<UUID, Incident> incidents = new ConcurrentHashMap<>();

    /** The incident as currently known, or null. */
    public Incident get(UUID id) {
        return id == null ? null : incidents.get(id);
    }

    /** Records what an event made of an incident; null leaves the view unchanged. */
    public void put(Incident incident) {
        if (incident != null) {
            incidents.put(incident.id(), incident);
        }
    }

    public int size() {
        return incidents.size();
    }

    @Override
    public List<Incident> incidents(Filter filter) {
        return incidents.values().stream()
                .filter(incident -> filter.matches(Subject.of(incident)))
                .sorted(Comparator.comparing(Incident::updatedAt).reversed().thenComparing(Incident::id))
                .toList();
    }

    @Override
    public Optional<Incident> incident(UUID id) {
        return Optional.ofNullable(incidents.get(id));
    }
}
