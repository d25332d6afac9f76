package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Check;
import java.util.Map;
import java.util.UUID;

/** Something about the system itself, tied to no incident. */
public record SystemEvent(String category, String message, Map<String, String> metadata) implements Event {

    public SystemEvent {
        category = Check.orEmpty(category);
        message = Check.orEmpty(message);
        metadata = Check.map(metadata, "metadata");
    }

    @Override
    public EventType type() {
        return EventType.SYSTEM_EVENT;
    }

    @Override
    public UUID incidentId() {
        return null;
    }
}
