package io.incidentstream.application.port.in;

import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.Priority;

/** An event to publish, with an explicit priority or null for the default rule. */
public record Publication(Event event, Priority priority) {

    public Publication {
        if (event == null) {
            throw new IllegalArgumentException("event is required");
        }
    }

    public static Publication of(Event event) {
        return new Publication(event, null);
    }
}
