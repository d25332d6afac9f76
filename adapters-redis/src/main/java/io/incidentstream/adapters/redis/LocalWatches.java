package io.incidentstream.adapters.redis;

import io.incidentstream.application.message.Watcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * This node's own watches, one per session, for {@link RedisPresenceStore} (which guards it). An
 * adapter sees ports only, so it keeps its own small copy of what the in-memory store does.
 */
final class LocalWatches {

    static final Comparator<Watcher> ORDER = Comparator.comparing(Watcher::since).thenComparing(Watcher::user);

    private record Watch(String user, String name, Instant since) {
    }

    /** Incident -> session id -> watch. */
    private final Map<UUID, Map<String, Watch>> watches = new HashMap<>();

    boolean add(UUID incidentId, String sessionId, String user, String name, Instant since) {
        return watches.computeIfAbsent(incidentId, id -> new HashMap<>())
                .putIfAbsent(sessionId, new Watch(user, name, since)) == null;
    }

    boolean remove(UUID incidentId, String sessionId) {
        Map<String, Watch> sessions = watches.get(incidentId);
        if (sessions == null || sessions.remove(sessionId) == null) {
            return false;
        }
        if (sessions.isEmpty()) {
            watches.remove(incidentId);
        }
        return true;
    }

    /** One watcher per user, with their earliest {@code since}, in {@link #ORDER}. */
    List<Watcher> watchers(UUID incidentId) {
        Map<String, Watch> sessions = watches.get(incidentId);
        if (sessions == null) {
            return List.of();
        }
        Map<String, Watcher> byUser = new LinkedHashMap<>();
        for (Watch watch : sessions.values()) {
            byUser.merge(watch.user(), new Watcher(watch.user(), watch.name(), watch.since()), LocalWatches::earliest);
        }
        List<Watcher> result = new ArrayList<>(byUser.values());
        result.sort(ORDER);
        return result;
    }

    /** Two watches of one user: the earlier {@code since}, and a name if either has one. */
    static Watcher earliest(Watcher a, Watcher b) {
        return new Watcher(a.user(), a.name() != null ? a.name() : b.name(),
                a.since().isBefore(b.since()) ? a.since() : b.since());
    }
}
