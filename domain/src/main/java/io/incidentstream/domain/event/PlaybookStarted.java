package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Check;
import java.util.UUID;

/** A playbook started running for an incident. */
public record PlaybookStarted(UUID incidentId, UUID playbookId, String playbookName) implements Event {

    public PlaybookStarted {
        Check.required(incidentId, "incident_id");
        Check.required(playbookId, "playbook_id");
        playbookName = Check.orEmpty(playbookName);
    }

    @Override
    public EventType type() {
        return EventType.PLAYBOOK_STARTED;
    }
}
