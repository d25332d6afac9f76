package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Check;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import java.util.UUID;

/**
 * An incident was closed. Its incident is {@code Closed} whatever state the publisher gave it, or
 * none: what subscribers receive is what the server records.
 */
public record IncidentClosed(Incident incident) implements Event, IncidentEvent {

    public IncidentClosed {
        Check.required(incident, "incident");
        if (incident.state() != IncidentState.CLOSED) {
            incident = incident.withState(IncidentState.CLOSED, incident.updatedAt());
        }
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
