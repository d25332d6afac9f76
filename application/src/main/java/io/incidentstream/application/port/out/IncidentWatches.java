package io.incidentstream.application.port.out;

import io.incidentstream.application.message.Watcher;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The watches of one incident: each session's, and each user's watcher as shown (their earliest
 * current {@code since}, and a name from one of their sessions), kept sorted as they change.
 */
final class IncidentWatches {

    private record Watch(String name, Instant since) {}

    private final Map<String, String> userOfSession = new HashMap<>();
    /** User -> their sessions' watches, in the order they began; a user has a few at most (tabs). */
    private final Map<String, Map<String, Watch>> sessionsOfUser = new HashMap<>();

    private final Map<String, Watcher> shown = new HashMap<>();
    private final TreeSet<Watcher> ordered = new TreeSet<>(SessionWatches.ORDER);
    /** The list last handed out, until the next change; null when it must be copied again. */
    private List<Watcher> snapshot = List.of();

    boolean add(String sessionId, String user, String name, Instant since) {
        if (userOfSession.putIfAbsent(sessionId, user) != null) {
            return false;
        }
        sessionsOfUser.computeIfAbsent(user, u -> new LinkedHashMap<>()).put(sessionId, new Watch(name, since));
        show(user);
        return true;
    }

    boolean remove(String sessionId) {
        String user = userOfSession.remove(sessionId);
        if (user == null) {
            return false;
        }
        Map<String, Watch> sessions = sessionsOfUser.get(user);
        sessions.remove(sessionId);
        if (sessions.isEmpty()) {
            sessionsOfUser.remove(user);
        }
        show(user);
        return true;
    }

    List<Watcher> watchers() {
        if (snapshot == null) {
            snapshot = List.copyOf(ordered);
        }
        return snapshot;
    }

    int users() {
        return shown.size();
    }

    boolean isEmpty() {
        return userOfSession.isEmpty();
    }

    /** Puts the user's watcher, as their sessions now make it, in its place (or removes it). */
    private void show(String user) {
        Watcher before = shown.remove(user);
        if (before != null) {
            ordered.remove(before);
        }
        Map<String, Watch> sessions = sessionsOfUser.get(user);
        if (sessions != null) {
            Watcher now = watcher(user, sessions);
            shown.put(user, now);
            ordered.add(now);
            if (now.equals(before)) {
                return;
            }
        }
        snapshot = null;
    }

    private static Watcher watcher(String user, Map<String, Watch> sessions) {
        String name = null;
        Instant since = null;
        for (Watch watch : sessions.values()) {
            if (name == null) {
                name = watch.name();
            }
            if (since == null || watch.since().isBefore(since)) {
                since = watch.since();
            }
        }
        return new Watcher(user, name, since);
    }
}
