package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Alert;
import io.incidentstream.domain.model.Check;
import java.util.UUID;

/** An alert arrived from a monitoring system. */
public record AlertReceived(Alert alert) implements Event {

    public AlertReceived {
        Check.required(alert, "alert");
    }

    @Override
    public EventType type() {
        return EventType.ALERT_RECEIVED;
    }

    @Override
    public UUID incidentId() {
        return alert.incidentId();
    }
}
