package io.incidentstream.application.port.out;

import io.incidentstream.application.message.Watcher;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Who watches which incident, as one watch per session. In memory for one node; a shared store
 * (Redis) would let every node of a cluster see the watchers of the others.
 */
public interface PresenceStore {

    /**
     * Records that {@code sessionId} watches the incident as {@code user} (display {@code name},
     * may be null) since {@code since}; false when that session already watched it.
     */
    boolean add(UUID incidentId, String sessionId, String user, String name, Instant since);

    /** Ends the session's watch of the incident; false when it did not watch it. */
    boolean remove(UUID incidentId, String sessionId);

    /**
     * The watchers of the incident, one per user however many sessions that user watches from,
     * with the earliest {@code since} among them; ordered by {@code since}, then user.
     */
    List<Watcher> watchers(UUID incidentId);

    /** Incidents with at least one watcher. */
    int watchedIncidents();

    /** Watchers summed over incidents (a user watching two incidents counts twice). */
    int watchers();

    /**
     * Tells {@code listener} of incidents whose watchers were changed by someone else than this
     * node (another node of a cluster). A store that only this node writes never calls it.
     */
    default void onChangeElsewhere(Consumer<UUID> listener) {}
}
