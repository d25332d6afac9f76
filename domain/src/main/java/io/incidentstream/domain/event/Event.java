package io.incidentstream.domain.event;

import java.util.UUID;

/** Something that happened to an incident, an alert or the system; tagged on the wire by {@code event_type}. */
public sealed interface Event
        permits IncidentCreated,
                IncidentUpdated,
                IncidentResolved,
                IncidentClosed,
                AlertReceived,
                AlertConverted,
                Escalated,
                PlaybookStarted,
                PlaybookActionExecuted,
                PlaybookCompleted,
                NotificationSent,
                AssignmentChanged,
                CommentAdded,
                SystemEvent {

    EventType type();

    /** The incident this event concerns, or null when it concerns none (or the alert names none). */
    UUID incidentId();
}
