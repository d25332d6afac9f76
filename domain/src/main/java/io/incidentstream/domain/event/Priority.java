package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Severity;
import io.incidentstream.domain.model.WireEnum;

/**
 * How much an event matters when a subscriber falls behind: lower priorities give way first.
 * Priority never reorders the stream.
 */
public enum Priority implements WireEnum {
    LOW,
    NORMAL,
    HIGH,
    CRITICAL;

    private final String wire = name().toLowerCase(java.util.Locale.ROOT);

    @Override
    public String wire() {
        return wire;
    }

    public static Priority parse(String text, String field) {
        return WireEnum.parse(Priority.class, text, field);
    }

    /** The higher of the two; used where a caller may raise a priority but never lower it. */
    public Priority atLeast(Priority floor) {
        return compareTo(floor) >= 0 ? this : floor;
    }

    /** The default priority of an event, from its type and severity. */
    public static Priority defaultFor(Event event) {
        if (event instanceof IncidentCreated created) {
            Severity severity = created.incident().severity();
            return severity == Severity.P0 ? CRITICAL : severity == Severity.P1 ? HIGH : NORMAL;
        }
        if (event instanceof Escalated escalated) {
            return escalated.toSeverity() == Severity.P0 ? CRITICAL : HIGH;
        }
        if (event instanceof AlertReceived received) {
            Severity severity = received.alert().severity();
            return severity == Severity.P0 || severity == Severity.P1 ? HIGH : NORMAL;
        }
        if (event instanceof CommentAdded || event instanceof PlaybookActionExecuted || event instanceof SystemEvent) {
            return LOW;
        }
        return NORMAL;
    }
}
