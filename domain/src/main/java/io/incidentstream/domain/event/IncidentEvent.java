package io.incidentstream.domain.event;

import io.incidentstream.domain.model.Incident;

/** An event that carries the whole incident as it is after the change. */
public interface IncidentEvent {

    Incident incident();
}
