package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Check;
import java.time.Instant;
import java.util.UUID;

/** Someone commented on an incident. */
public record CommentAdded(UUID incidentId, String author, String comment, Instant timestamp) implements Event {

    public CommentAdded {
        Check.required(incidentId, "incident_id");
        author = Check.orEmpty(author);
        comment = Check.orEmpty(comment);
        Check.required(timestamp, "timestamp");
    }

    @Override
    public EventType type() {
        return EventType.COMMENT_ADDED;
    }
}
