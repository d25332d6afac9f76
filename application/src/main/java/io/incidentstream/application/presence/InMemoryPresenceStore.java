package io.incidentstream.application.presence;

import io.incidentstream.application.message.Watcher;
import io.incidentstream.application.port.out.PresenceStore;
import io.incidentstream.application.port.out.SessionWatches;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The watchers of one node, in memory. One lock: watches change at human speed (a click, a tab
 * closed), and each change or read under it is short (see {@link SessionWatches}).
 */
public final class InMemoryPresenceStore implements PresenceStore {

    private final SessionWatches watches = new SessionWatches();

    @Override
    public synchronized boolean add(UUID incidentId, String sessionId, String user, String name, Instant since) {
        return watches.add(incidentId, sessionId, user, name, since);
    }

    @Override
    public synchronized boolean remove(UUID incidentId, String sessionId) {
        return watches.remove(incidentId, sessionId);
    }

    @Override
    public synchronized List<Watcher> watchers(UUID incidentId) {
        return watches.watchers(incidentId);
    }

    @Override
    public synchronized int watchedIncidents() {
        return watches.incidents().size();
    }

    @Override
    public synchronized int watchers() {
        return watches.watchers();
    }
}
