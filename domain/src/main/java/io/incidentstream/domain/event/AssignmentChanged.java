package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Check;
import java.util.List;
import java.util.UUID;

/** An incident's assignees were replaced by {@code assignees}. */
public record AssignmentChanged(UUID incidentId, List<String> assignees) implements Event {

    public AssignmentChanged {
        Check.required(incidentId, "incident_id");
        assignees = Check.list(assignees, "assignees");
    }

    @Override
    public EventType type() {
        return EventType.ASSIGNMENT_CHANGED;
    }
}
