package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Check;
import io.incidentstream.domain.model.Incident;
import java.util.UUID;

/** A new incident was opened. */
public record IncidentCreated(Incident incident) implements Event, IncidentEvent {

    public IncidentCreated {
        Check.required(incident, "incident");
    }

    @Override
    public EventType type() {
        return EventType.INCIDENT_CREATED;
    }

    @Override
    public UUID incidentId() {
        return incident.id();
    }
}
