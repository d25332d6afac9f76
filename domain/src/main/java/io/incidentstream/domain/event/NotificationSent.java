package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Check;
import java.util.UUID;

/** A notification about an incident went out on a channel. */
public record NotificationSent(UUID incidentId, String channel, boolean success) implements Event {

    public NotificationSent {
        Check.required(incidentId, "incident_id");
        channel = Check.orEmpty(channel);
    }

    @Override
    public EventType type() {
        return EventType.NOTIFICATION_SENT;
    }
}
