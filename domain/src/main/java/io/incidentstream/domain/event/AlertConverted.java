package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Alert;
import io.incidentstream.domain.model.Check;
import java.util.UUID;

/** An alert was turned into (or attached to) the incident {@code incidentId}. */
public record AlertConverted(Alert alert, UUID incidentId) implements Event {

    public AlertConverted {
        Check.required(alert, "alert");
        Check.required(incidentId, "incident_id");
    }

    @Override
    public EventType type() {
        return EventType.ALERT_CONVERTED;
    }
}
