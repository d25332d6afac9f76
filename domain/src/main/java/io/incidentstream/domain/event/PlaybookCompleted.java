package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Check;
import io.incidentstream.domain.model.InvalidValueException;
import java.util.UUID;

/** A playbook finished running for an incident. */
public record PlaybookCompleted(UUID incidentId, UUID playbookId, boolean success, int actionsExecuted)
        implements Event {

    public PlaybookCompleted {
        Check.required(incidentId, "incident_id");
        Check.required(playbookId, "playbook_id");
        if (actionsExecuted < 0) {
            throw new InvalidValueException("actions_executed", "must not be negative");
        }
    }

    @Override
    public EventType type() {
        return EventType.PLAYBOOK_COMPLETED;
    }
}
