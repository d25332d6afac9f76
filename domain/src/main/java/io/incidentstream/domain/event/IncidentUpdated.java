package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Check;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import java.util.UUID;

/** An incident changed; {@code previousState} may be null. */
public record IncidentUpdated(Incident incident, IncidentState previousState) implements Event, IncidentEvent {

    public IncidentUpdated {
        Check.required(incident, "incident");
    }

    @Override
    public EventType type() {
        return EventType.INCIDENT_UPDATED;
    }

    @Override
    public UUID incidentId() {
        return incident.id();
    }
}
