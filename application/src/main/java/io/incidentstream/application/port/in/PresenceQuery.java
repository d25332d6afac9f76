package io.incidentstream.application.port.in;

import io.incidentstream.application.message.Watcher;
import io.incidentstream.application.port.out.Access;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Who watches an incident, for the read API. */
public interface PresenceQuery {

    /**
     * The incident's watchers, or empty when the server knows no such incident or {@code access}
     * may not see it (answered alike, so that an incident outside a scope does not leak).
     */
    Optional<List<Watcher>> watchers(UUID incidentId, Access access);
}
