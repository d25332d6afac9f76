package io.incidentstream.application.session;

import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.message.Closing;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.port.out.ClientChannel;
import io.incidentstream.application.port.out.WriteCallback;
import java.util.ArrayList;

/**
 * One session's outbound queue ({@link OutboxQueue}), bounded by events and by bytes, and its
 * writes: exactly one in flight.
 *
 * <p>When the queue is full, lower priorities give way: queued events of lower priority than the
 * arriving one are dropped, oldest first, or the arriving one if nothing queued is lower. Each drop
 * leaves a gap marker where the event stood; adjacent markers merge, so markers never outnumber the
 * events between them, and they do not count against the bounds. Delivery order is never changed.
 *
 * <p>The lock guards only queue state; writes start outside it, so a slow socket never blocks the
 * dispatcher. A write that completes on the calling thread does not recurse: the pumping loop picks
 * up the next message instead.
 *
 * <p>Closing is one state machine: {@link State#OPEN}, then {@link State#CLOSING} (nothing more is
 * accepted; the queue, if kept, and the {@code closing} message go out, then the channel closes
 * with that message's code), then {@link State#CLOSED} (nothing more is written). A stuck socket,
 * a failed write or a vanished client skips straight to {@code CLOSED}.
 */
final class Outbox implements WriteCallback, Runnable {

    /** A batch handed to the channel stops growing past this many bytes of events. */
    private static final long MAX_BATCH_BYTES = 256 * 1024;

    /**
     * Replies (pongs, errors, acknowledgements) are never dropped, so they need their own bound: a
     * client that keeps asking without reading its answers is overwhelmed like a slow consumer.
     */
    static final int MAX_QUEUED_REPLIES = 256;

    /**
     * Messages made on demand, one per free write, in place of a queue node: a replay from history
     * or a snapshot in pages. They take no room in the queue however long they are; whatever is
     * queued behind them waits until they are done.
     */
    interface Source {
        /** The next message, or null when there are no more. */
        ServerMessage next();
    }

    private final ClientChannel channel;
    private final OutboxListener listener;
    private final Settings settings;
    /** A pump is queued on the writers: one at a time per session, so the executor's queue holds at most one per session. */
    private boolean pumpScheduled;

    private final OutboxQueue queue;
    private boolean inFlight;
    /** When the write in flight started, or last took bytes as the stalled-write sweep saw it. */
    private long writeStartedMillis;
    /** The channel's write progress when the sweep last looked; its low bits are enough to see it move. */
    private int writeProgressSeen;
    /** The write in flight when it is one message. */
    private ServerMessage writingOne;
    /** The write in flight when it is a batch: {@link #batch}, filled. */
    private ArrayList<ServerMessage> writingMany;
    /**
     * The list every batch of this session is written from, emptied once written: a new list per
     * batch was a seventh of the bytes allocated per delivery (issue 14). Filling a long-lived list
     * costs G1 a remembered store for each message, the serial collector that the project recommends
     * for small machines only a card mark.
     */
    private ArrayList<ServerMessage> batch;

    private boolean pumping;
    private State state = State.OPEN;
    /** The last message, and the close that follows it, once {@link State#CLOSING}. */
    private Closing farewell;

    /** Where the outbox is on its way out. */
    private enum State {
        OPEN,
        CLOSING,
        CLOSED
    }

    /** What a graceful close does with what is still queued. */
    enum Queued {
        /** Send it all first: for a shutdown, where nothing accepted may be lost. */
        SEND,
        /** Drop it: the client is told at once, right after the write in flight. */
        DROP
    }

    /**
     * What every session's outbox shares, held once rather than in each of thousands of outboxes.
     *
     * @param writers where the first write of an idle session starts when an event arrives, so that
     *                the dispatcher thread routes the next event instead of making every session's
     *                system call itself; later writes start from the completion of the previous one
     */
    record Settings(int maxEvents, long maxBytes, java.time.Clock clock, java.util.concurrent.Executor writers) {}

    Outbox(ClientChannel channel, OutboxListener listener, int maxEvents, long maxBytes, java.time.Clock clock) {
        this(channel, listener, new Settings(maxEvents, maxBytes, clock, Runnable::run));
    }

    Outbox(
            ClientChannel channel,
            OutboxListener listener,
            int maxEvents,
            long maxBytes,
            java.time.Clock clock,
            java.util.concurrent.Executor writers) {
        this(channel, listener, new Settings(maxEvents, maxBytes, clock, writers));
    }

    Outbox(ClientChannel channel, OutboxListener listener, Settings settings) {
        this.channel = channel;
        this.listener = listener;
        this.settings = settings;
        this.queue = new OutboxQueue(listener);
    }

    /** Queues a message that is not an event (reply, heartbeat, notice); these are never dropped. */
    void offer(ServerMessage message) {
        boolean overwhelmed = false;
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            if (queue.replies() >= MAX_QUEUED_REPLIES) {
                overwhelmed = true;
            } else {
                queue.addReply(message);
            }
        }
        if (overwhelmed) {
            listener.overwhelmed("slow consumer: " + MAX_QUEUED_REPLIES + " replies waiting to be read");
            return;
        }
        pump();
    }

    /** Queues an event, making room by priority when full. */
    void offerEvent(EventMessage message, int bytes) {
        boolean queued;
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            queued = queue.addEvent(message, bytes, settings.maxEvents(), settings.maxBytes());
        }
        if (!queued) {
            listener.dropped(message.event().priority());
            listener.overwhelmed("slow consumer: the session could not keep up even with its critical events");
            return;
        }
        schedulePump();
    }

    /** Queues a source: its messages are made and written one at a time, in this place of the queue. */
    void offerSource(Source source) {
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            queue.addSource(source);
        }
        pump();
    }

    /**
     * Closes with {@code farewell}: the queue is sent first or dropped, as {@code queued} says; then
     * {@code farewell} is written, once any write in flight completes; then the channel closes with
     * its code. A socket that never completes that write is closed by the stalled-write sweep
     * ({@link #closeStuck}). Only the first close counts: false for any later one.
     */
    boolean close(Closing farewell, Queued queued) {
        synchronized (this) {
            if (state != State.OPEN) {
                return false;
            }
            if (queued == Queued.DROP) {
                queue.clear();
            }
            queue.addReply(farewell);
            this.farewell = farewell;
            state = State.CLOSING;
        }
        pump();
        return true;
    }

    /**
     * The socket accepts nothing (a write is stuck): close at once with {@code code}, since nothing
     * more would reach the client. False when the session was already closing with that same code
     * (its farewell stuck behind the write), so that a close is counted once under its code.
     */
    boolean closeStuck(CloseCode code, String reason) {
        boolean counts;
        synchronized (this) {
            if (state == State.CLOSED) {
                return false;
            }
            counts = state == State.OPEN || farewell.code() != code;
            state = State.CLOSED;
            queue.clear();
        }
        channel.close(code, reason);
        return counts;
    }

    /** Abandons the queue and stops writing; the channel is closed by the caller. */
    synchronized void discard() {
        state = State.CLOSED;
        queue.clear();
    }

    synchronized int queuedEvents() {
        return queue.events();
    }

    synchronized long queuedBytes() {
        return queue.bytes();
    }

    /**
     * Whether a write has been in flight for longer than {@code millis} with the socket taking none
     * of it: a reader that still takes bytes, however slowly, is not stalled (the clock restarts
     * at each sweep that finds the channel's {@link ClientChannel#writeProgress} moved). Never once
     * the outbox is closed: its channel is already being closed, and must not be again.
     */
    synchronized boolean writeStalled(long nowMillis, long millis) {
        if (!inFlight || state == State.CLOSED) {
            return false;
        }
        int progress = (int) channel.writeProgress();
        if (progress != writeProgressSeen) {
            writeProgressSeen = progress;
            writeStartedMillis = nowMillis;
            return false;
        }
        return nowMillis - writeStartedMillis >= millis;
    }

    private void schedulePump() {
        synchronized (this) {
            if (pumping || inFlight || pumpScheduled || state == State.CLOSED) {
                return;
            }
            pumpScheduled = true;
        }
        settings.writers().execute(this);
    }

    /**
     * The scheduled pump, as a writer thread runs it. The outbox is its own task, so that handing a
     * delivery to the writers allocates no task object.
     */
    @Override
    public void run() {
        synchronized (this) {
            pumpScheduled = false;
        }
        pump();
    }

    private void pump() {
        synchronized (this) {
            if (pumping) {
                return;
            }
            pumping = true;
        }
        while (true) {
            ServerMessage one;
            Closing closeNow = null;
            synchronized (this) {
                if (inFlight || state == State.CLOSED) {
                    pumping = false;
                    return;
                }
                if (!pollBatch()) {
                    pumping = false;
                    if (state != State.CLOSING) {
                        return;
                    }
                    // The farewell itself has been written: nothing is left but the close.
                    state = State.CLOSED;
                    closeNow = farewell;
                } else {
                    inFlight = true;
                    writeStartedMillis = settings.clock().millis();
                }
                one = writingOne;
            }
            if (closeNow != null) {
                channel.close(closeNow.code(), closeNow.reason());
                return;
            }
            // Several queued messages go out as one write when the channel can: under load that
            // is one system call for many frames instead of one each.
            if (one != null) {
                channel.write(one, this);
            } else {
                channel.write(writingMany, this);
            }
        }
    }

    /**
     * Takes the next messages to write: as many as the channel takes at once, within a byte budget,
     * into {@link #writingOne} or {@link #writingMany}. False when nothing is queued.
     */
    private boolean pollBatch() {
        ServerMessage first = queue.poll();
        if (first == null) {
            return false;
        }
        long bytes = queue.polledBytes();
        int max = channel.maxBatch();
        ServerMessage next = max > 1 && bytes < MAX_BATCH_BYTES ? queue.poll() : null;
        if (next == null) {
            writingOne = first;
            return true;
        }
        if (batch == null) {
            batch = new ArrayList<>(Math.min(max, 16));
        }
        writingMany = batch;
        writingMany.add(first);
        do {
            writingMany.add(next);
            bytes += queue.polledBytes();
        } while (writingMany.size() < max && bytes < MAX_BATCH_BYTES && (next = queue.poll()) != null);
        return true;
    }

    /** The write is done: the session hears of each message before the next write may start. */
    @Override
    public void written() {
        ServerMessage one;
        synchronized (this) {
            one = writingOne;
        }
        if (one != null) {
            listener.written(one);
        } else if (writingMany != null) {
            for (int i = 0; i < writingMany.size(); i++) {
                listener.written(writingMany.get(i));
            }
        }
        synchronized (this) {
            writingOne = null;
            if (writingMany != null) {
                writingMany.clear();
                writingMany = null;
            }
            inFlight = false;
        }
        pump();
    }

    @Override
    public void failed(Throwable cause) {
        synchronized (this) {
            writingOne = null;
            if (writingMany != null) {
                writingMany.clear();
                writingMany = null;
            }
            inFlight = false;
            state = State.CLOSED;
            queue.clear();
        }
        listener.writeFailed(cause);
    }
}
