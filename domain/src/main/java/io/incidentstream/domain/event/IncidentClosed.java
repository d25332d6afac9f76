package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Check;
import io.incidentstream.domain.model.Incident;
import java.util.UUID;

/** An incident was closed. */
public record IncidentClosed(Incident incident) implements Event, IncidentEvent {

    public IncidentClosed {
        Check.required(incident, "incident");
    }

    @Override
    public EventType type() {
        return EventType.INCIDENT_CLOSED;
    }

    @Override
    public UUID incidentId() {
        return incident.id();
    }
}
