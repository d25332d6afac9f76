package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Alert;
import io.incidentstream.domain.model.Check;
import io.incidentstream.domain.model.Incident;
import java.util.UUID;

/** An alert was turned into (or attached to) the incident {@code incidentId}. */
public record AlertConverted(Alert alert, UUID incidentId, Incident incident) implements Event, IncidentLinkedEvent {

    public AlertConverted {
        Check.required(alert, "alert");
        Check.required(incidentId, "incident_id");
    }

    /** Without the known incident, as publishers send it; admission fills it in. */
    public AlertConverted(Alert alert, UUID incidentId) {
        this(alert, incidentId, null);
    }

    @Override
    public AlertConverted withIncident(Incident incident) {
        return new AlertConverted(alert, incidentId, incident);
    }

    @Override
    public EventType type() {
        return EventType.ALERT_CONVERTED;
    }
}
