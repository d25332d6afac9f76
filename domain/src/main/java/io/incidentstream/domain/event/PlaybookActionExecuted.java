package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Check;
import java.util.UUID;

/** One action of a running playbook finished. */
public record PlaybookActionExecuted(UUID incidentId, UUID playbookId, String actionName, boolean success,
                                     String message) implements Event {

    public PlaybookActionExecuted {
        Check.required(incidentId, "incident_id");
        Check.required(playbookId, "playbook_id");
        actionName = Check.orEmpty(actionName);
        message = Check.orEmpty(message);
    }

    @Override
    public EventType type() {
        return EventType.PLAYBOOK_ACTION_EXECUTED;
    }
}
