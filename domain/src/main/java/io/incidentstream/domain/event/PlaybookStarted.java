package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Check;
import io.incidentstream.domain.model.Incident;
import java.util.UUID;

/** A playbook started running for an incident. */
public record PlaybookStarted(UUID incidentId, UUID playbookId, String playbookName, Incident incident)
        implements Event, IncidentLinkedEvent {

    public PlaybookStarted {
        Check.required(incidentId, "incident_id");
        Check.required(playbookId, "playbook_id");
        playbookName = Check.orEmpty(playbookName);
    }

    /** Without the known incident, as publishers send it; admission fills it in. */
    public PlaybookStarted(UUID incidentId, UUID playbookId, String playbookName) {
        this(incidentId, playbookId, playbookName, null);
    }

    @Override
    public PlaybookStarted withIncident(Incident incident) {
        return new PlaybookStarted(incidentId, playbookId, playbookName, incident);
    }

    @Override
    public EventType type() {
        return EventType.PLAYBOOK_STARTED;
    }
}
