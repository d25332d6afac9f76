package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Incident;
import java.time.Instant;

/**
 * How an event changes the server's knowledge of an incident: incident events carry the whole
 * incident; an escalation changes the severity; an assignment change the assignees; resolution and
 * closing the state. Other events leave the incident as it was.
 */
public final class IncidentEvolution {

    private IncidentEvolution() {}

    /**
     * @param known the incident as known before the event, or null
     * @param at    when the event was accepted, used as the new {@code updated_at} where the event changes fields
     * @return the incident as known after the event, or null if nothing is known of it
     */
    public static Incident apply(Incident known, Event event, Instant at) {
        if (event instanceof IncidentEvent incidentEvent) {
            // Resolution and closing set their state in the event itself (IncidentResolved, IncidentClosed).
            return incidentEvent.incident();
        }
        if (known == null) {
            return null;
        }
        if (event instanceof Escalated escalated) {
            return known.withSeverity(escalated.toSeverity(), at);
        }
        if (event instanceof AssignmentChanged changed) {
            return known.withAssignees(changed.assignees(), at);
        }
        return known;
    }
}
