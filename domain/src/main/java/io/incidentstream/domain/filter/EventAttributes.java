package io.incidentstream.domain.filter;

import io.incidentstream.domain.event.EventType;

/**
 * What filters match an event against: its type and its subject just before and just after the
 * event. Either subject may be null (nothing known). Resolved once, when the event is sequenced,
 * and kept with it so that a replay matches exactly as the live delivery did.
 */
public record EventAttributes(EventType type, Subject before, Subject after) {

    public EventAttributes {
        if (type == null) {
            throw new IllegalArgumentException("type is required");
        }
    }

    /** Attributes of an event about nothing but its type, such as a system event. */
    public static EventAttributes typeOnly(EventType type) {
        return new EventAttributes(type, null, null);
    }
}
