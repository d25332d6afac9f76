package io.incidentstream.application.port.out;

import io.incidentstream.application.message.Watcher;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One node's watches, one per session and incident, with each incident's watchers kept in the
 * order {@link PresenceStore#watchers} promises. Every {@code watch} is answered with the whole
 * list, so a join storm reads it once per join: here a read costs at most one copy of the list
 * (none while nothing changed) and a change costs a logarithm, never a sort or a scan of the
 * incident's sessions. Not thread-safe: the {@link PresenceStore} that holds it guards it. Shared
 * by the stores so that they count and order watchers alike.
 */
public final class SessionWatches {

    /** The order of {@link PresenceStore#watchers}: since, then user. */
    public static final Comparator<Watcher> ORDER =
            Comparator.comparing(Watcher::since).thenComparing(Watcher::user);

    private final Map<UUID, IncidentWatches> incidents = new HashMap<>();
    private int watchers;

    /** Records the session's watch; false when that session already watched the incident. */
    public boolean add(UUID incidentId, String sessionId, String user, String name, Instant since) {
        IncidentWatches watches = incidents.computeIfAbsent(incidentId, id -> new IncidentWatches());
        int before = watches.users();
        boolean added = watches.add(sessionId, user, name, since);
        watchers += watches.users() - before;
        return added;
    }

    /** Ends the session's watch; false when it did not watch the incident. */
    public boolean remove(UUID incidentId, String sessionId) {
        IncidentWatches watches = incidents.get(incidentId);
        if (watches == null) {
            return false;
        }
        int before = watches.users();
        boolean removed = watches.remove(sessionId);
        watchers += watches.users() - before;
        if (watches.isEmpty()) {
            incidents.remove(incidentId);
        }
        return removed;
    }

    /** The incident's watchers, one per user, in {@link #ORDER}; immutable. */
    public List<Watcher> watchers(UUID incidentId) {
        IncidentWatches watches = incidents.get(incidentId);
        return watches == null ? List.of() : watches.watchers();
    }

    /** The incidents with at least one watch (a read-only view). */
    public Set<UUID> incidents() {
        return Collections.unmodifiableSet(incidents.keySet());
    }

    /** Watchers summed over incidents (a user watching two incidents counts twice). */
    public int watchers() {
        return watchers;
    }
}
