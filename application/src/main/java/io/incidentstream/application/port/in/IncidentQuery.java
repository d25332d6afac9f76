package io.incidentstream.application.port.in;

import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Incident;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Read the incidents the server knows, as of the latest accepted event. */
public interface IncidentQuery {

    /** Incidents matching every key of the filter but {@code event_types}, most recently updated first. */
    List<Incident> incidents(Filter filter);

    Optional<Incident> incident(UUID id);
}
