package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Check;
import io.incidentstream.domain.model.Severity;
import java.util.UUID;

/** An incident's severity changed (up or down). */
public record Escalated(UUID incidentId, Severity fromSeverity, Severity toSeverity, String reason) implements Event {

    public Escalated {
        Check.required(incidentId, "incident_id");
        Check.required(fromSeverity, "from_severity");
        Check.required(toSeverity, "to_severity");
        reason = Check.orEmpty(reason);
    }

    @Override
    public EventType type() {
        return EventType.ESCALATED;
    }
}
