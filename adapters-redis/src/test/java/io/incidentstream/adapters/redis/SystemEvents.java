package io.incidentstream.adapters.redis;

import io.incidentstream.application.port.out.StreamEngine.Candidate;
import io.incidentstream.domain.event.Priority;
import io.incidentstream.domain.event.SystemEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The simplest event an engine test can append: a system event about no incident, published now. */
final class SystemEvents {

    private SystemEvents() {}

    static Candidate system(String message) {
        return new Candidate(
                UUID.randomUUID(),
                new SystemEvent("test", message, Map.of()),
                Priority.LOW,
                Instant.now(),
                null,
                -1,
                null);
    }
}
