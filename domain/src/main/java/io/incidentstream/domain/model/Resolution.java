package io.incidentstream.domain.model;

import java.time.Instant;

/** How and by whom an incident was resolved; {@code rootCause} may be null. */
public record Resolution(
        Instant resolvedAt, String resolvedBy, ResolutionMethod resolutionMethod, String rootCause, String notes) {

    public Resolution {
        Check.required(resolvedAt, "resolved_at");
        resolvedBy = Check.orEmpty(resolvedBy);
        Check.required(resolutionMethod, "resolution_method");
        notes = Check.orEmpty(notes);
    }
}
