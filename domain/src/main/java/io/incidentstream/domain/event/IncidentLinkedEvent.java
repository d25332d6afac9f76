package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Incident;

/**
 * An event about an incident that names it by {@code incident_id} (an escalation, an assignment, a
 * comment, a playbook step, a notification, an alert conversion) and also carries the incident as the
 * server knew it after the event, or null when the server did not know it. Publishers need not send
 * it: admission fills it in, so that a subscriber reading {@code event.incident} learns what every
 * incident event is about without asking the read API.
 *
 * <p>Unlike {@link IncidentEvent}, whose incident is the change itself, this incident is only
 * context: it never changes what the server knows.
 */
public interface IncidentLinkedEvent {

    /** The incident named by {@code incident_id} as known after this event; null when unknown. */
    Incident incident();

    /** This event with {@code incident} (possibly null) as its known incident. */
    Event withIncident(Incident incident);
}
