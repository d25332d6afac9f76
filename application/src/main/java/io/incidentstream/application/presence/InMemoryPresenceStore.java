package io.incidentstream.application.presence;

import io.incidentstream.application.message.Watcher;
import io.incidentstream.application.port.out.PresenceStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The watchers of one node, in memory. One lock: watches change at human speed (a click, a tab
 * closed), far below what a monitor could not take.
 */
public final class InMemoryPresenceStore implements PresenceStore {

    private static final Comparator<Watcher> ORDER =
            Comparator.comparing(Watcher::since).thenComparing(Watcher::user);

    /** One session's watch. */
    private record Watch(String user, String name, Instant since) {
    }

    /** Incident -> session id -> watch. */
    private final Map<UUID, Map<String, Watch>> watches = new HashMap<>();
    private int watcherCount;

    @Override
    public synchronized boolean add(UUID incidentId, String sessionId, String user, String name, Instant since) {
        Map<String, Watch> sessions = watches.computeIfAbsent(incidentId, id -> new HashMap<>());
        if (sessions.containsKey(sessionId)) {
            return false;
        }
        boolean newUser = sessions.values().stream().noneMatch(w -> w.user().equals(user));
        sessions.put(sessionId, new Watch(user, name, since));
        if (newUser) {
            watcherCount++;
        }
        return true;
    }

    @Override
    public synchronized boolean remove(UUID incidentId, String sessionId) {
        Map<String, Watch> sessions = watches.get(incidentId);
        Watch removed = sessions == null ? null : sessions.remove(sessionId);
        if (removed == null) {
            return false;
        }
        if (sessions.values().stream().noneMatch(w -> w.user().equals(removed.user()))) {
            watcherCount--;
        }
        if (sessions.isEmpty()) {
            watches.remove(incidentId);
        }
        return true;
    }

    @Override
    public synchronized List<Watcher> watchers(UUID incidentId) {
        Map<String, Watch> sessions = watches.get(incidentId);
        if (sessions == null) {
            return List.of();
        }
        Map<String, Watcher> byUser = new LinkedHashMap<>();
        for (Watch watch : sessions.values()) {
            // A user's earliest current watch gives "since"; a name from any of their sessions will do.
            byUser.merge(watch.user(), new Watcher(watch.user(), watch.name(), watch.since()),
                    (a, b) -> new Watcher(a.user(), a.name() != null ? a.name() : b.name(),
                            a.since().isBefore(b.since()) ? a.since() : b.since()));
        }
        List<Watcher> result = new ArrayList<>(byUser.values());
        result.sort(ORDER);
        return result;
    }

    @Override
    public synchronized int watchedIncidents() {
        return watches.size();
    }

    @Override
    public synchronized int watchers() {
        return watcherCount;
    }
}
