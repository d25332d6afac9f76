package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Check;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.InvalidValueException;
import java.util.UUID;

/** A playbook finished running for an incident. */
public record PlaybookCompleted(
        UUID incidentId, UUID playbookId, boolean success, int actionsExecuted, Incident incident)
        implements Event, IncidentLinkedEvent {

    public PlaybookCompleted {
        Check.required(incidentId, "incident_id");
        Check.required(playbookId, "playbook_id");
        if (actionsExecuted < 0) {
            throw new InvalidValueException("actions_executed", "must not be negative");
        }
    }

    /** Without the known incident, as publishers send it; admission fills it in. */
    public PlaybookCompleted(UUID incidentId, UUID playbookId, boolean success, int actionsExecuted) {
        this(incidentId, playbookId, success, actionsExecuted, null);
    }

    @Override
    public PlaybookCompleted withIncident(Incident incident) {
        return new PlaybookCompleted(incidentId, playbookId, success, actionsExecuted, incident);
    }

    @Override
    public EventType type() {
        return EventType.PLAYBOOK_COMPLETED;
    }
}
