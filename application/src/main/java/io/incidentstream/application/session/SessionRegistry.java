package io.incidentstream.application.session;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The sessions that are open now, by id. */
final class SessionRegistry {

    private final Map<String, StreamSession> sessions = new ConcurrentHashMap<>();

    void add(StreamSession session) {
        sessions.put(session.id(), session);
    }

    boolean remove(StreamSession session) {
        boolean removed = sessions.remove(session.id(), session);
        if (removed && sessions.isEmpty()) {
            synchronized (this) {
                notifyAll();
            }
        }
        return removed;
    }

    /** Waits until no session is left or the deadline ({@link System#nanoTime()}) passes. */
    synchronized void awaitEmpty(long deadlineNanos) throws InterruptedException {
        while (!sessions.isEmpty()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    Collection<StreamSession> all() {
        return sessions.values();
    }

    int size() {
        return sessions.size();
    }
}
