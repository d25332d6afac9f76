package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Check;
import io.incidentstream.domain.model.Incident;
import java.time.Instant;
import java.util.UUID;

/** Someone commented on an incident. */
public record CommentAdded(UUID incidentId, String author, String comment, Instant timestamp, Incident incident)
        implements Event, IncidentLinkedEvent {

    public CommentAdded {
        Check.required(incidentId, "incident_id");
        author = Check.orEmpty(author);
        comment = Check.orEmpty(comment);
        Check.required(timestamp, "timestamp");
    }

    /** Without the known incident, as publishers send it; admission fills it in. */
    public CommentAdded(UUID incidentId, String author, String comment, Instant timestamp) {
        this(incidentId, author, comment, timestamp, null);
    }

    @Override
    public CommentAdded withIncident(Incident incident) {
        return new CommentAdded(incidentId, author, comment, timestamp, incident);
    }

    @Override
    public EventType type() {
        return EventType.COMMENT_ADDED;
    }
}
