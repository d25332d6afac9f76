package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Check;
import io.incidentstream.domain.model.Incident;
import java.util.UUID;

/** A notification about an incident went out on a channel. */
public record NotificationSent(UUID incidentId, String channel, boolean success, Incident incident)
        implements Event, IncidentLinkedEvent {

    public NotificationSent {
        Check.required(incidentId, "incident_id");
        channel = Check.orEmpty(channel);
    }

    /** Without the known incident, as publishers send it; admission fills it in. */
    public NotificationSent(UUID incidentId, String channel, boolean success) {
        this(incidentId, channel, success, null);
    }

    @Override
    public NotificationSent withIncident(Incident incident) {
        return new NotificationSent(incidentId, channel, success, incident);
    }

    @Override
    public EventType type() {
        return EventType.NOTIFICATION_SENT;
    }
}
