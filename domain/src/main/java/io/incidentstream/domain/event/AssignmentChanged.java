package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Check;
import io.incidentstream.domain.model.Incident;
import java.util.List;
import java.util.UUID;

/** An incident's assignees were replaced by {@code assignees}. */
public record AssignmentChanged(UUID incidentId, List<String> assignees, Incident incident)
        implements Event, IncidentLinkedEvent {

    public AssignmentChanged {
        Check.required(incidentId, "incident_id");
        assignees = Check.list(assignees, "assignees");
    }

    /** Without the known incident, as publishers send it; admission fills it in. */
    public AssignmentChanged(UUID incidentId, List<String> assignees) {
        this(incidentId, assignees, null);
    }

    @Override
    public AssignmentChanged withIncident(Incident incident) {
        return new AssignmentChanged(incidentId, assignees, incident);
    }

    @Override
    public EventType type() {
        return EventType.ASSIGNMENT_CHANGED;
    }
}
