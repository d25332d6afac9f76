package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Check;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.Severity;
import java.util.UUID;

/** An incident's severity changed (up or down). */
public record Escalated(UUID incidentId, Severity fromSeverity, Severity toSeverity, String reason, Incident incident)
        implements Event, IncidentLinkedEvent {

    public Escalated {
        Check.required(incidentId, "incident_id");
        Check.required(fromSeverity, "from_severity");
        Check.required(toSeverity, "to_severity");
        reason = Check.orEmpty(reason);
    }

    /** Without the known incident, as publishers send it; admission fills it in. */
    public Escalated(UUID incidentId, Severity fromSeverity, Severity toSeverity, String reason) {
        this(incidentId, fromSeverity, toSeverity, reason, null);
    }

    @Override
    public Escalated withIncident(Incident incident) {
        return new Escalated(incidentId, fromSeverity, toSeverity, reason, incident);
    }

    @Override
    public EventType type() {
        return EventType.ESCALATED;
    }
}
