package io.incidentstream.domain.filter;

import io.incidentstream.domain.event.AlertConverted;
import io.incidentstream.domain.event.AlertReceived;
import io.incidentstream.domain.event.Escalated;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.IncidentEvent;
import io.incidentstream.domain.event.IncidentEvolution;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.model.Alert;
import io.incidentstream.domain.model.Incident;
import java.util.UUID;

/**
 * Resolves the attributes of an event against the incident the server knew just before it,
 * following the protocol's table: incident events use the incident before and after, escalations
 * the known incident with and without the new severity, alerts their own fields, other
 * incident-linked events the known incident.
 */
public final class Attribution {

    private Attribution() {}

    /**
     * @param known the incident the event concerns, as known just before the event; null if unknown
     */
    public static EventAttributes of(Event event, Incident known) {
        Subject before = known == null ? null : Subject.of(known);
        if (event instanceof IncidentEvent incidentEvent) {
            // As the incident view will hold it: a resolved or closed incident is in that state.
            Incident after = IncidentEvolution.apply(
                    known, event, incidentEvent.incident().updatedAt());
            return new EventAttributes(event.type(), before, Subject.of(after));
        }
        if (event instanceof Escalated escalated) {
            if (before == null) {
                Subject unknown = Subject.unknownIncident(escalated.incidentId());
                return new EventAttributes(event.type(), unknown, unknown);
            }
            return new EventAttributes(event.type(), before, before.withSeverity(escalated.toSeverity()));
        }
        if (event instanceof AlertReceived received) {
            return ofAlert(event, received.alert(), received.alert().incidentId(), known, null);
        }
        if (event instanceof AlertConverted converted) {
            // Matched on its alert, but it carries the incident the alert joined, which a scope must allow too.
            return ofAlert(event, converted.alert(), converted.incidentId(), known, before);
        }
        if (event instanceof SystemEvent) {
            return EventAttributes.typeOnly(event.type());
        }
        // playbook_*, notification_sent, assignment_changed, comment_added: the known incident.
        Subject subject = before == null ? Subject.unknownIncident(event.incidentId()) : before;
        return new EventAttributes(event.type(), subject, subject);
    }

    private static EventAttributes ofAlert(Event event, Alert alert, UUID incidentId, Incident known, Subject carried) {
        Subject subject = Subject.of(alert, incidentId, known == null ? null : known.state());
        return new EventAttributes(event.type(), subject, subject, carried);
    }
}
