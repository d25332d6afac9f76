package io.incidentstream.domain.filter;

import io.incidentstream.domain.event.EventType;

/**
 * What filters match an event against: its type and its subject just before and just after the
 * event. Either subject may be null (nothing known). Resolved once, when the event is sequenced,
 * and kept with it so that a replay matches exactly as the live delivery did.
 *
 * @param carried the incident the event carries whole when its subject is something else (an
 *     {@code alert_converted} is matched on its alert, and carries the incident it joined), or null:
 *     an access scope must let that incident through too
 */
public record EventAttributes(EventType type, Subject before, Subject after, Subject carried) {

    public EventAttributes {
        if (type == null) {
            throw new IllegalArgumentException("type is required");
        }
    }

    /** Attributes of an event whose subject is all it carries. */
    public EventAttributes(EventType type, Subject before, Subject after) {
        this(type, before, after, null);
    }

    /** Attributes of an event about nothing but its type, such as a system event. */
    public static EventAttributes typeOnly(EventType type) {
        return new EventAttributes(type, null, null);
    }
}
