package io.incidentstream.application.session;

import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.Gap;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.domain.event.Priority;

/**
 * The queue of an {@link Outbox}: messages in delivery order, with gap markers where events were
 * dropped, and sources that make messages on demand. Events are bounded (by count and bytes, given
 * on each offer) and give way by priority; replies are only counted, and the outbox bounds them.
 * Not thread-safe: the outbox's lock guards it.
 */
final class OutboxQueue {

    private static final String SLOW_CONSUMER = "slow_consumer";

    /** A queued message, a source of messages, or a run of dropped events when both are null. */
    private static final class Node {
        Outbox.Source source;
        ServerMessage message;
        Priority priority;
        int bytes;
        long gapFrom;
        long gapTo;
        long gapDropped;
        Node prev;
        Node next;

        boolean isGap() {
            return message == null && source == null;
        }

        boolean isEvent() {
            return message instanceof EventMessage;
        }
    }

    private final OutboxListener listener;
    private Node head;
    private Node tail;
    private int queuedEvents;
    private long queuedBytes;
    private int queuedReplies;
    /** Bytes of the event {@link #poll()} returned last; 0 for anything else. */
    private int polledBytes;
    /**
     * Up to {@link #MAX_SPARES} nodes of events polled before, emptied and chained through {@link
     * Node#next}, for the next messages: a session's queue is nearly always at most two messages
     * deep, so in the steady state a delivery allocates no node (a node per delivery was a tenth of
     * the bytes the server allocated, issue 14). Only events' nodes are kept, so that a session that
     * has had replies but no event yet (the idle connection) holds none.
     */
    private Node spares;

    private int spareCount;

    private static final int MAX_SPARES = 2;

    OutboxQueue(OutboxListener listener) {
        this.listener = listener;
    }

    void addReply(ServerMessage message) {
        append(message, null, 0);
        queuedReplies++;
    }

    void addSource(Outbox.Source source) {
        append(null, null, 0).source = source;
    }

    /**
     * Queues an event, making room by dropping queued events of lower priority, oldest first; if
     * none is lower, the arriving event is dropped instead (a gap marker takes its place). False
     * when that event is critical: it may not be dropped, and the session cannot keep up.
     */
    boolean addEvent(EventMessage message, int bytes, int maxEvents, long maxBytes) {
        Priority priority = message.event().priority();
        while (full(bytes, maxEvents, maxBytes) && dropOldestBelow(priority)) {
            // made room by one lower-priority event
        }
        if (!full(bytes, maxEvents, maxBytes)) {
            append(message, priority, bytes);
            queuedEvents++;
            queuedBytes += bytes;
            return true;
        }
        if (priority == Priority.CRITICAL) {
            return false;
        }
        listener.dropped(priority);
        appendGap(message.event().seq());
        return true;
    }

    private boolean full(int bytes, int maxEvents, long maxBytes) {
        return queuedEvents > 0 && (queuedEvents >= maxEvents || queuedBytes + bytes > maxBytes);
    }

    int events() {
        return queuedEvents;
    }

    long bytes() {
        return queuedBytes;
    }

    int replies() {
        return queuedReplies;
    }

    /** Bytes of the event {@link #poll()} returned last; 0 for anything else. */
    int polledBytes() {
        return polledBytes;
    }

    void clear() {
        head = tail = null;
        queuedEvents = 0;
        queuedBytes = 0;
        queuedReplies = 0;
    }

    /** The next message to write, or null when nothing is queued; made by a source if one is first. */
    ServerMessage poll() {
        polledBytes = 0;
        Node node = head;
        while (node != null && node.source != null) {
            ServerMessage made = node.source.next();
            if (made != null) {
                return made;
            }
            unlink(node);
            node = head;
        }
        if (node == null) {
            return null;
        }
        unlink(node);
        ServerMessage message;
        if (node.isGap()) {
            message = new Gap(node.gapFrom, node.gapTo, node.gapDropped, SLOW_CONSUMER);
        } else if (node.isEvent()) {
            queuedEvents--;
            queuedBytes -= node.bytes;
            polledBytes = node.bytes;
            message = node.message;
            recycle(node);
        } else {
            queuedReplies--;
            message = node.message;
        }
        return message;
    }

    /** Keeps an event's node, emptied (an event's node never had a source or a gap's fields). */
    private void recycle(Node node) {
        node.message = null;
        node.priority = null;
        node.bytes = 0;
        if (spareCount < MAX_SPARES) {
            node.next = spares;
            spares = node;
            spareCount++;
        }
    }

    /** Replaces the oldest queued event of lower priority with a gap marker; false if there is none. */
    private boolean dropOldestBelow(Priority priority) {
        for (Node node = head; node != null; node = node.next) {
            if (node.isEvent() && node.priority.compareTo(priority) < 0) {
                long seq = ((EventMessage) node.message).event().seq();
                queuedEvents--;
                queuedBytes -= node.bytes;
                listener.dropped(node.priority);
                toGap(node, seq);
                return true;
            }
        }
        return false;
    }

    private void toGap(Node node, long seq) {
        node.message = null;
        node.priority = null;
        node.bytes = 0;
        node.gapFrom = seq;
        node.gapTo = seq;
        node.gapDropped = 1;
        Node prev = node.prev;
        if (prev != null && prev.isGap()) {
            prev.gapTo = node.gapTo;
            prev.gapDropped += node.gapDropped;
            unlink(node);
            node = prev;
        }
        Node next = node.next;
        if (next != null && next.isGap()) {
            node.gapTo = next.gapTo;
            node.gapDropped += next.gapDropped;
            unlink(next);
        }
    }

    private void appendGap(long seq) {
        if (tail != null && tail.isGap()) {
            tail.gapTo = seq;
            tail.gapDropped++;
        } else {
            Node node = append(null, null, 0);
            node.gapFrom = seq;
            node.gapTo = seq;
            node.gapDropped = 1;
        }
    }

    private Node append(ServerMessage message, Priority priority, int bytes) {
        Node node = spares;
        if (node == null) {
            node = new Node();
        } else {
            spares = node.next;
            node.next = null;
            spareCount--;
        }
        node.message = message;
        node.priority = priority;
        node.bytes = bytes;
        node.prev = tail;
        if (tail == null) {
            head = node;
        } else {
            tail.next = node;
        }
        tail = node;
        return node;
    }

    private void unlink(Node node) {
        if (node.prev == null) {
            head = node.next;
        } else {
            node.prev.next = node.next;
        }
        if (node.next == null) {
            tail = node.prev;
        } else {
            node.next.prev = node.prev;
        }
        node.prev = node.next = null;
    }
}
