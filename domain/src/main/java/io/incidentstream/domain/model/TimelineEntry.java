package io.incidentstream.domain.model;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of an incident's timeline. {@code metadata} holds plain JSON values (String, Number,
 * Boolean, List, Map or null) because publishers put arbitrary details there.
 */
public record TimelineEntry(
        Instant timestamp, String eventType, String actor, String description, Map<String, Object> metadata) {

    public TimelineEntry {
        Check.required(timestamp, "timestamp");
        eventType = Check.orEmpty(eventType);
        actor = Check.orEmpty(actor);
        description = Check.orEmpty(description);
        metadata = metadata == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }
}
