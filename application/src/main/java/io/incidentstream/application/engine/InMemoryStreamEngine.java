package io.incidentstream.application.engine;

import io.incidentstream.application.port.out.StreamEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The engine of a single node: seqs, recent events and incident versions in this process. A new
 * instance is a new epoch, so that after a restart nobody resumes into the lost stream by mistake.
 * Bounded like the node's own history ({@code capacity} events, {@code ttl}) and view (resolved and
 * closed incidents forgotten {@code closedRetention} after their last change, as the view forgets
 * them, so that an event about one finds it unknown; {@code maxIncidents} versions at most, least
 * recently changed forgotten first).
 *
 * <p>Those bounds apply to events the node's reader has read. An event not yet read is kept
 * whatever they say: it is the reader's only way to this event, and dropping it would leave an
 * accepted publication undelivered (with a capacity of 0, every event; with a batch larger than
 * the capacity, its first events). What is unread is at most the batches being admitted.
 */
public final class InMemoryStreamEngine implements StreamEngine {

    private final String epoch;
    private final int capacity;
    private final Duration ttl;
    private final int maxIncidents;
    private final Duration closedRetention;
    private final Clock clock;
    private final ArrayDeque<Logged> events = new ArrayDeque<>();
    /** Insertion-ordered so that the least recently changed incident is first. */
    private final LinkedHashMap<UUID, StoredIncident> incidents = new LinkedHashMap<>(16, 0.75f, false);
    /** The resolved and closed ones among them, with when they last changed (ms), least recent first. */
    private final LinkedHashMap<UUID, Long> closedAt = new LinkedHashMap<>();

    private final Map<UUID, Appended> appendedByFirstId = new HashMap<>();
    private final ArrayDeque<UUID> recentFirstIds = new ArrayDeque<>();
    private long lastSeq;
    /** Every event up to this seq has been read: the reader asked for what follows it. */
    private long read;

    public InMemoryStreamEngine(
            String epoch,
            long startSeq,
            int capacity,
            Duration ttl,
            int maxIncidents,
            Duration closedRetention,
            Clock clock) {
        this.epoch = epoch;
        this.lastSeq = startSeq;
        this.capacity = capacity;
        this.ttl = ttl;
        this.maxIncidents = maxIncidents;
        this.closedRetention = closedRetention;
        this.clock = clock;
    }

    @Override
    public synchronized Origin open() {
        expireClosed();
        return new Origin(epoch, lastSeq, List.copyOf(incidents.values()));
    }

    @Override
    public synchronized AppendResult append(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return new Appended(epoch, lastSeq + 1);
        }
        Appended earlier = appendedByFirstId.get(candidates.get(0).messageId());
        if (earlier != null) {
            return earlier;
        }
        expireClosed();
        Map<UUID, StoredIncident> conflicts = new HashMap<>();
        for (Candidate candidate : candidates) {
            UUID id = candidate.event().incidentId();
            if (id != null && candidate.expectedVersion() >= 0) {
                StoredIncident stored = incidents.get(id);
                long version = stored == null ? 0 : stored.version();
                if (version != candidate.expectedVersion()) {
                    conflicts.put(id, stored);
                }
            }
        }
        if (!conflicts.isEmpty()) {
            return new Conflict(conflicts);
        }
        Appended appended = new Appended(epoch, lastSeq + 1);
        for (Candidate candidate : candidates) {
            long seq = ++lastSeq;
            events.addLast(new Logged(
                    seq,
                    candidate.messageId(),
                    candidate.event(),
                    candidate.priority(),
                    candidate.publishedAt(),
                    candidate.before()));
            if (candidate.after() != null) {
                UUID id = candidate.after().id();
                incidents.remove(id);
                incidents.put(id, new StoredIncident(candidate.after(), seq));
                closedAt.remove(id);
                if (!candidate.after().state().isActive()) {
                    closedAt.put(id, clock.millis());
                }
            }
        }
        remember(candidates.get(0).messageId(), appended);
        trim();
        return appended;
    }

    @Override
    public synchronized boolean handedOut(String epoch, long seq) {
        return this.epoch.equalsIgnoreCase(epoch) && seq <= lastSeq;
    }

    @Override
    public synchronized Feed read(long afterSeq, int max, Duration wait) {
        read = Math.max(read, Math.min(afterSeq, lastSeq));
        trim();
        long deadline = System.nanoTime() + wait.toNanos();
        while (lastSeq <= afterSeq) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new Feed(epoch, List.of());
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Feed(epoch, List.of());
            }
        }
        // Newest first: a follower asks for what was just appended, so this walks only that far.
        ArrayList<Logged> found = new ArrayList<>();
        for (var it = events.descendingIterator(); it.hasNext(); ) {
            Logged event = it.next();
            if (event.seq() <= afterSeq) {
                break;
            }
            found.add(event);
        }
        java.util.Collections.reverse(found);
        if (found.size() > max) {
            return new Feed(epoch, List.copyOf(found.subList(0, max)));
        }
        return new Feed(epoch, found);
    }

    /** Wakes readers waiting in {@link #read}; appends call it. */
    private void remember(UUID firstId, Appended appended) {
        appendedByFirstId.put(firstId, appended);
        recentFirstIds.addLast(firstId);
        // A retry follows its first attempt closely: the last thousand batches are plenty.
        if (recentFirstIds.size() > 1000) {
            appendedByFirstId.remove(recentFirstIds.removeFirst());
        }
        notifyAll();
    }

    private void trim() {
        long cutoff = clock.millis() - ttl.toMillis();
        while (!events.isEmpty()
                && events.peekFirst().seq() <= read
                && (events.size() > capacity || events.peekFirst().publishedAt().toEpochMilli() < cutoff)) {
            events.removeFirst();
        }
        while (incidents.size() > maxIncidents) {
            UUID oldest = incidents.keySet().iterator().next();
            incidents.remove(oldest);
            closedAt.remove(oldest);
        }
    }

    /** Forgets resolved and closed incidents past their retention. */
    private void expireClosed() {
        long cutoff = clock.millis() - closedRetention.toMillis();
        for (var oldest = closedAt.entrySet().iterator(); oldest.hasNext(); ) {
            var entry = oldest.next();
            if (entry.getValue() >= cutoff) {
                return;
            }
            incidents.remove(entry.getKey());
            oldest.remove();
        }
    }
}
