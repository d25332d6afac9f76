package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Check;
import io.incidentstream.domain.model.Incident;
import java.util.UUID;

/** One action of a running playbook finished. */
public record PlaybookActionExecuted(
        UUID incidentId, UUID playbookId, String actionName, boolean success, String message, Incident incident)
        implements Event, IncidentLinkedEvent {

    public PlaybookActionExecuted {
        Check.required(incidentId, "incident_id");
        Check.required(playbookId, "playbook_id");
        actionName = Check.orEmpty(actionName);
        message = Check.orEmpty(message);
    }

    /** Without the known incident, as publishers send it; admission fills it in. */
    public PlaybookActionExecuted(
            UUID incidentId, UUID playbookId, String actionName, boolean success, String message) {
        this(incidentId, playbookId, actionName, success, message, null);
    }

    @Override
    public PlaybookActionExecuted withIncident(Incident incident) {
        return new PlaybookActionExecuted(incidentId, playbookId, actionName, success, message, incident);
    }

    @Override
    public EventType type() {
        return EventType.PLAYBOOK_ACTION_EXECUTED;
    }
}
