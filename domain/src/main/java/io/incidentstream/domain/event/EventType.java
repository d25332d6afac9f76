package io.incidentstream.domain.event;

import io.incidentstream.domain.model.WireEnum;

/** The 14 kinds of event, spelled as their {@code event_type} tag. */
public enum EventType implements WireEnum {
    INCIDENT_CREATED,
    INCIDENT_UPDATED,
    INCIDENT_RESOLVED,
    INCIDENT_CLOSED,
    ALERT_RECEIVED,
    ALERT_CONVERTED,
    ESCALATED,
    PLAYBOOK_STARTED,
    PLAYBOOK_ACTION_EXECUTED,
    PLAYBOOK_COMPLETED,
    NOTIFICATION_SENT,
    ASSIGNMENT_CHANGED,
    COMMENT_ADDED,
    SYSTEM_EVENT;

    private final String wire = name().toLowerCase(java.util.Locale.ROOT);

    @Override
    public String wire() {
        return wire;
    }

    /**
     * Whether events of this type carry a whole incident: the incident events, and (PROTOCOL.md §2)
     * every other event about an incident, filled in at admission. Not an alert received, nor a
     * system event.
     */
    public boolean carriesIncident() {
        return this != ALERT_RECEIVED && this != SYSTEM_EVENT;
    }

    public static EventType parse(String text, String field) {
        return WireEnum.parse(EventType.class, text, field);
    }
}
