package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Check;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import java.util.UUID;

/**
 * An incident was resolved. Its incident is {@code Resolved} (or {@code Closed}, if the publisher
 * said so) whatever state the publisher gave it, or none: what subscribers receive is what the
 * server records.
 */
public record IncidentResolved(Incident incident) implements Event, IncidentEvent {

    public IncidentResolved {
        Check.required(incident, "incident");
        if (incident.state() != IncidentState.RESOLVED && incident.state() != IncidentState.CLOSED) {
            incident = incident.withState(IncidentState.RESOLVED, incident.updatedAt());
        }
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
