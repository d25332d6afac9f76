package io.incidentstream.benchmarks.micro;

import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.domain.event.AlertReceived;
import io.incidentstream.domain.event.CommentAdded;
import io.incidentstream.domain.event.Escalated;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.IncidentUpdated;
import io.incidentstream.domain.event.Priority;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.filter.Attribution;
import io.incidentstream.domain.model.Alert;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.IncidentType;
import io.incidentstream.domain.model.Severity;
import io.incidentstream.domain.model.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Typical events of each family, about one known incident: a P1 payments incident from
 * prometheus, as an incident manager would publish it (a few labels, resources and timeline entries).
 */
public final class Samples {

    public static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    public static final UUID INCIDENT_ID = UUID.fromString("3f0c8a52-4c1b-4f6e-9d2a-7b1e5c9d0a11");

    /** The event families whose attributes are resolved differently (see the protocol's table). */
    public enum Family {
        /** incident_updated: the incident before and after. */
        INCIDENT,
        /** escalated: the known incident with and without the new severity. */
        ESCALATED,
        /** comment_added (like playbook_*, notification_sent, assignment_changed): the known incident. */
        LINKED,
        /** alert_received: the alert's own fields. */
        ALERT,
        /** system_event: nothing but its type. */
        SYSTEM
    }

    private Samples() {}

    public static Incident incident(UUID id, Severity severity) {
        return new Incident(
                id,
                T0,
                T0,
                IncidentState.INVESTIGATING,
                severity,
                IncidentType.APPLICATION,
                "prometheus",
                "checkout latency above SLO",
                "p99 latency of checkout is 4s since the 4.2.1 rollout",
                List.of("checkout-api", "payments-db"),
                Map.of("team", "payments", "env", "prod", "region", "eu-west-1"),
                List.of(),
                null,
                null,
                List.of(
                        new TimelineEntry(T0, "detected", "prometheus", "alert fired", Map.of("rule", "HighLatency")),
                        new TimelineEntry(T0, "triaged", "alice", "customer impact confirmed", Map.of())),
                List.of("alice"),
                List.of(),
                "fp-checkout-latency",
                null);
    }

    public static Incident knownIncident() {
        return incident(INCIDENT_ID, Severity.P1);
    }

    public static Event event(Family family) {
        Incident known = knownIncident();
        switch (family) {
            case INCIDENT:
                return new IncidentUpdated(known.withState(IncidentState.REMEDIATING, T0), IncidentState.INVESTIGATING);
            case ESCALATED:
                return new Escalated(INCIDENT_ID, Severity.P1, Severity.P0, "customers affected");
            case LINKED:
                return new CommentAdded(INCIDENT_ID, "bob", "rolling back 4.2.1", T0);
            case ALERT:
                return new AlertReceived(alert(Severity.P1, INCIDENT_ID));
            case SYSTEM:
                return new SystemEvent("maintenance", "node draining", Map.of("node", "n1"));
            default:
                throw new IllegalArgumentException(family.name());
        }
    }

    public static Alert alert(Severity severity, UUID incidentId) {
        return new Alert(
                UUID.randomUUID(),
                "ext-1",
                "prometheus",
                T0,
                T0,
                severity,
                IncidentType.APPLICATION,
                "HighLatency",
                "p99 latency above 2s",
                Map.of("team", "payments", "env", "prod", "region", "eu-west-1"),
                List.of("checkout-api"),
                null,
                Map.of(),
                incidentId,
                false,
                null);
    }

    /** The event as admitted: attributes resolved against the known incident, seq 1. */
    public static AdmittedEvent admitted(Family family) {
        Event event = event(family);
        return new AdmittedEvent(
                UUID.randomUUID(),
                1,
                event,
                Priority.defaultFor(event),
                T0,
                System.nanoTime(),
                Attribution.of(event, knownIncident()));
    }
}
