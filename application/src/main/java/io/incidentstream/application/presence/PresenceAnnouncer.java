package io.incidentstream.application.presence;

import io.incidentstream.application.message.Presence;
import io.incidentstream.application.message.Watcher;
import io.incidentstream.application.port.out.PresenceStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Turns changes of an incident's watchers into {@code presence} messages, at most one per incident
 * per interval. The first change after a quiet interval is announced at once; changes that follow
 * within the interval are merged into one message at its end, so a join storm of any size costs
 * each interested session one message a second per incident, not one per join.
 */
final class PresenceAnnouncer {

    /** What was last announced about one incident, and whether a message is already on its way. */
    private static final class Announced {
        List<Watcher> watchers = List.of();
        long sentAtNanos;
        boolean everSent;
        boolean due;
    }

    private final PresenceStore store;
    private final PresenceBroadcast broadcast;
    private final ScheduledExecutorService timer;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    /** Guarded by this. Incidents with watchers, or announced within the last interval. */
    private final Map<UUID, Announced> incidents = new HashMap<>();

    PresenceAnnouncer(
            PresenceStore store,
            PresenceBroadcast broadcast,
            ScheduledExecutorService timer,
            long intervalNanos,
            LongSupplier nanoTime) {
        this.store = store;
        this.broadcast = broadcast;
        this.timer = timer;
        this.intervalNanos = intervalNanos;
        this.nanoTime = nanoTime;
    }

    /** The watchers of the incident changed: announce it now, or merged at the end of the interval. */
    synchronized void changed(UUID incidentId) {
        Announced announced = incidents.computeIfAbsent(incidentId, id -> new Announced());
        if (announced.due) {
            return;
        }
        announced.due = true;
        long wait = announced.everSent ? announced.sentAtNanos + intervalNanos - nanoTime.getAsLong() : 0;
        timer.schedule(() -> announce(incidentId), Math.max(0, wait), TimeUnit.NANOSECONDS);
    }

    /** On the timer: one message with everything that changed since the last. */
    void announce(UUID incidentId) {
        Presence message;
        synchronized (this) {
            Announced announced = incidents.get(incidentId);
            if (announced == null) {
                return;
            }
            announced.due = false;
            List<Watcher> now = store.watchers(incidentId);
            if (now.equals(announced.watchers)) {
                // Joined and left again within the interval: nothing to tell.
                forgetIfQuiet(incidentId, announced);
                return;
            }
            message = new Presence(
                    incidentId, now, difference(now, announced.watchers), difference(announced.watchers, now));
            announced.watchers = now;
            announced.sentAtNanos = nanoTime.getAsLong();
            announced.everSent = true;
            if (now.isEmpty()) {
                // Kept one more interval, so that a join right after still waits its turn.
                timer.schedule(() -> forgetLater(incidentId), intervalNanos, TimeUnit.NANOSECONDS);
            }
        }
        broadcast.send(message);
    }

    private synchronized void forgetLater(UUID incidentId) {
        Announced announced = incidents.get(incidentId);
        if (announced != null && !announced.due) {
            forgetIfQuiet(incidentId, announced);
        }
    }

    private void forgetIfQuiet(UUID incidentId, Announced announced) {
        boolean recent = announced.everSent && nanoTime.getAsLong() - announced.sentAtNanos < intervalNanos;
        if (announced.watchers.isEmpty() && !recent) {
            incidents.remove(incidentId);
        } else if (announced.watchers.isEmpty()) {
            timer.schedule(() -> forgetLater(incidentId), intervalNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Incidents tracked now: watched ones, and those announced empty within the last interval. */
    synchronized int tracked() {
        return incidents.size();
    }

    /** The users in {@code a} but not in {@code b}, in {@code a}'s order. */
    private static List<String> difference(List<Watcher> a, List<Watcher> b) {
        Set<String> inB = new HashSet<>();
        for (Watcher watcher : b) {
            inB.add(watcher.user());
        }
        List<String> users = new ArrayList<>();
        for (Watcher watcher : a) {
            if (!inB.contains(watcher.user())) {
                users.add(watcher.user());
            }
        }
        return users;
    }
}
