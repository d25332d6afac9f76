package io.incidentstream.application.history;

import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.application.port.out.EventHistory;
import java.time.Clock;
import java.time.Duration;

/**
 * The last events in memory, bounded by count and by age. Events form a singly linked chain; the
 * history drops its oldest links as it trims, while a cursor already inside the chain keeps its
 * place, so a replay in progress is never cut short by new events arriving. A new instance is a
 * new epoch: after a restart nobody can resume into the old one by mistake.
 */
public final class InMemoryEventHistory implements EventHistory {

    private static final class Link {
        final AdmittedEvent event;
        volatile Link next;

        Link(AdmittedEvent event) {
            this.event = event;
        }
    }

    private volatile String epoch;
    private final int capacity;
    private final Duration ttl;
    private final Clock clock;
    private Link oldest;
    private Link newest;
    private int size;
    /** The seq before the oldest retained event: everything after it, up to the newest, is here. */
    private long retainedAfter;

    private long lastSeq;

    public InMemoryEventHistory(String epoch, int capacity, Duration ttl, Clock clock) {
        this.epoch = epoch;
        this.capacity = capacity;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public String epoch() {
        return epoch;
    }

    @Override
    public synchronized long lastSeq() {
        return lastSeq;
    }

    @Override
    public synchronized void append(AdmittedEvent event) {
        Link link = new Link(event);
        if (newest == null) {
            oldest = link;
            retainedAfter = event.seq() - 1;
        } else {
            newest.next = link;
        }
        newest = link;
        lastSeq = event.seq();
        size++;
        trim();
    }

    @Override
    public synchronized Cursor read(long afterSeq, long upToSeq) {
        trim();
        if (afterSeq > upToSeq || upToSeq > lastSeq) {
            return null;
        }
        if (afterSeq == upToSeq) {
            return new LinkCursor(null, upToSeq);
        }
        if (afterSeq < retainedAfter || oldest == null) {
            return null;
        }
        Link start = oldest;
        while (start != null && start.event.seq() <= afterSeq) {
            start = start.next;
        }
        return new LinkCursor(start, upToSeq);
    }

    /**
     * Forgets every event and continues in {@code newEpoch} after {@code seq}: the stream this node
     * follows was lost (or this node fell further behind than it retains).
     */
    public synchronized void reset(String newEpoch, long seq) {
        epoch = newEpoch;
        oldest = null;
        newest = null;
        size = 0;
        lastSeq = seq;
        retainedAfter = seq;
    }

    @Override
    public synchronized int size() {
        trim();
        return size;
    }

    private void trim() {
        long cutoff = clock.millis() - ttl.toMillis();
        while (oldest != null && (size > capacity || oldest.event.publishedAt().toEpochMilli() < cutoff)) {
            retainedAfter = oldest.event.seq();
            oldest = oldest.next;
            size--;
        }
        if (oldest == null) {
            newest = null;
            retainedAfter = lastSeq;
        }
    }

    /** Walks the chain from a link; the links it still needs stay reachable through it alone. */
    private static final class LinkCursor implements Cursor {
        private Link next;
        private final long upToSeq;

        LinkCursor(Link start, long upToSeq) {
            this.next = start;
            this.upToSeq = upToSeq;
        }

        @Override
        public AdmittedEvent next() {
            Link link = next;
            if (link == null || link.event.seq() > upToSeq) {
                next = null;
                return null;
            }
            next = link.next;
            return link.event;
        }

        @Override
        public Cursor copy() {
            return new LinkCursor(next, upToSeq);
        }
    }
}
