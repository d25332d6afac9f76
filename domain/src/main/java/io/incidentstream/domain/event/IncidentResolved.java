package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Check;
import io.incidentstream.domain.model.Incident;
import java.util.UUID;

/** An incident was resolved. */
public record IncidentResolved(Incident incident) implements Event, IncidentEvent {

    public IncidentResolved {
        Check.required(incident, "incident");
    }

    @Override
    public EventType type() {
        return EventType.INCIDENT_RESOLVED;
    }

    @Override
    public UUID incidentId() {
        return incident.id();
    }
}
