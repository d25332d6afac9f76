package io.incidentstream.adapters.websocket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.eclipse.jetty.websocket.core.exception.WebSocketException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one connection's frames to its socket, in place of Jetty's frame flusher. Jetty's
 * flusher builds a list of buffers, an array, an iterator and an entry per write and takes a
 * header buffer from its pool: three quarters of the bytes the server allocated per delivery, and a
 * tenth of its CPU at 1,000 subscribers and 100 events/s (measured, issue 14). Here an event frame
 * arrives already framed (its header written in front of its payload in a {@link PooledFrame}), so
 * a delivery is one buffer handed to the socket, and a write allocates nothing while the socket
 * takes its bytes at once.
 *
 * <p>Everything else the connection sends (replies, pings and pongs, the close frame, frames
 * compressed by permessage-deflate) reaches this writer as Jetty's {@link OutgoingEntry}, through
 * {@link DirectWriteConnection#enqueueFrame}, so that one writer orders every byte of the connection.
 * It keeps the rules of Jetty's flusher: pings and pongs go before waiting data frames; nothing
 * may follow the close frame, and the socket's output is shut once the close frame is written; an
 * abnormal close fails what is still waiting; a failed write fails every waiting frame, reports
 * the error to the session and closes the connection. A write that stalls is ended by the
 * connection's idle timeout, as before (the server sets no frame write timeout).
 *
 * <p>Frames are gathered, {@link #MAX_GATHER} at most, into one write. On a plain TCP connection
 * the writer writes the socket itself (Jetty's endpoint would make even one buffer a gathering
 * write, through its write state machine), and while the socket takes each write whole (on
 * loopback or a fast network, nearly always) it continues with the next frames on the same thread.
 * What a full socket leaves, and every write of a TLS connection, goes through Jetty's endpoint in
 * slices ({@link SlicedWrite}), each completed when the socket has taken it: the {@link #progress()}
 * that tells the stalled-write sweep a slow reader from one that takes nothing.
 */
class FrameWriter extends IteratingCallback {

    private static final Logger LOG = LoggerFactory.getLogger(FrameWriter.class);

    /** Frames written by one gathering write at most. */
    static final int MAX_GATHER = 32;

    /** One for every held ping: the writer only reads a frame, and an empty ping's completion is nobody's. */
    private static final OutgoingEntry HELD_PING =
            new OutgoingEntry.Builder(new Frame(OpCode.PING), Callback.NOOP).build();

    private final EndPoint endPoint;
    /** The endpoint when it is a plain TCP socket (not TLS), written directly; else null. */
    private final SocketChannelEndPoint plain;
    /** Its channel, or null. */
    private final SocketChannel socket;

    private final WebSocketCoreSession session;

    // The queue, under this object's monitor (IteratingCallback locks its own lock, never this):
    // the items chained through WriterItem.next.
    private WriterItem first;
    private WriterItem last;
    /** Why frames are refused from now on (the close frame is queued, or the connection ended). */
    private Throwable refusal;
    /** The connection ended ({@link #close}): nothing more is written, what waits is failed. */
    private boolean ended;

    // The write in flight, a chain taken from the queue: set by process() and read by the
    // completion that follows it, never at once.
    private WriterItem writing;
    /**
     * For a gathering write: grown to the most buffers one write has needed, so that a write
     * allocates no array. Between writes every slot holds the empty buffer (a gathering write skips
     * those a write does not fill), and a written buffer is not kept reachable.
     */
    private ByteBuffer[] gathered = NONE;
    /** The slots of {@link #gathered} the write in flight filled. */
    private int gatheredUsed;

    private static final ByteBuffer[] NONE = {};

    /**
     * The write in flight when the socket could not take it whole, and the progress count; made at
     * the first such write (most connections never need one: nothing more per idle connection than
     * this reference). Volatile for the stalled-write sweep, which reads the count.
     */
    private volatile SlicedWrite sliced;

    FrameWriter(EndPoint endPoint, WebSocketCoreSession session) {
        this.endPoint = endPoint;
        this.plain = endPoint instanceof SocketChannelEndPoint socketEndPoint ? socketEndPoint : null;
        this.socket = plain == null ? null : plain.getChannel();
        this.session = session;
    }

    /**
     * Queues an event frame already framed ({@link PooledFrame#framed()}), without starting a write:
     * call {@link #iterate()} after the last frame of a batch. A refused frame is failed at once.
     */
    void offer(PooledFrame frame) {
        Throwable refused;
        synchronized (this) {
            refused = refusal;
            if (refused == null) {
                append(frame);
                return;
            }
        }
        frame.failed(refused);
    }

    /** Queues one of Jetty's frames and starts writing. */
    void enqueue(OutgoingEntry entry) {
        Frame frame = entry.getFrame();
        Throwable refused;
        WriterItem failedByClose = null;
        CloseStatus closeStatus = null;
        synchronized (this) {
            refused = refusal;
            if (refused == null) {
                Entry item = new Entry(entry);
                switch (frame.getOpCode()) {
                    case OpCode.PING, OpCode.PONG -> pushFront(item);
                    case OpCode.CLOSE -> {
                        closeStatus = CloseStatus.getCloseStatus(frame);
                        if (closeStatus.isAbnormal()) {
                            failedByClose = takeAll();
                        }
                        append(item);
                        refusal = new ClosedChannelException();
                    }
                    default -> append(item);
                }
            }
        }
        if (refused != null) {
            complete(entry.getCallback(), refused);
            return;
        }
        if (failedByClose != null) {
            failAll(
                    failedByClose,
                    new WebSocketException(
                            "abnormal close frame: " + CloseStatus.codeString(closeStatus.getCode()),
                            closeStatus.getCause()));
        }
        iterate();
    }

    /**
     * Queues a ping without starting a write: it leaves in the next write, together with the frame
     * that starts it (or with the write already under way). For the heartbeat, whose message follows
     * at once. Only for a connection without extensions: Jetty's extensions pass a frame on only once
     * the one before it is written, so a message behind a held ping would wait for it for ever.
     */
    void holdPing() {
        synchronized (this) {
            if (refusal == null) {
                pushFront(new Entry(HELD_PING));
            }
        }
    }

    /** Under the monitor: pings and pongs go before the frames that wait. */
    private void pushFront(WriterItem item) {
        item.next = first;
        first = item;
        if (last == null) {
            last = item;
        }
    }

    /** Under the monitor. */
    private void append(WriterItem item) {
        if (last == null) {
            first = item;
        } else {
            last.next = item;
        }
        last = item;
    }

    /**
     * Under the monitor: refuses frames from now on for {@code cause}, unless a failure is already
     * the reason (a close frame's refusal gives way to the failure that follows it).
     */
    private void refuse(Throwable cause) {
        if (refusal == null || refusal instanceof ClosedChannelException) {
            refusal = cause;
        }
    }

    /** Under the monitor: empties the queue, returning its chain. */
    private WriterItem takeAll() {
        WriterItem all = first;
        first = last = null;
        return all;
    }

    /** The connection ended: fails what waits and refuses what comes. */
    void close(Throwable cause) {
        Throwable closed = cause == null ? new ClosedChannelException() : cause;
        synchronized (this) {
            refuse(closed);
            ended = true;
        }
        abort(closed);
    }

    @Override
    protected Action process() {
        while (true) {
            SlicedWrite write = sliced;
            if (write != null && write.active()) {
                ByteBuffer[] slice = write.next();
                if (slice != null) {
                    endPoint.write(this, slice);
                    return Action.SCHEDULED;
                }
                completeWritten();
            }
            WriterItem chain = take();
            if (chain == null) {
                return Action.IDLE;
            }
            writing = chain;
            int needed = 0;
            for (WriterItem item = chain; item != null; item = item.next) {
                needed += bufferCount(item);
            }
            if (needed == 0) {
                // Only flush markers: nothing to write, their callbacks complete now.
                succeeded();
                return Action.SCHEDULED;
            }
            ByteBuffer[] buffers =
                    needed == 1 && chain instanceof PooledFrame frame ? frame.framedAlone() : gathered(chain, needed);
            try {
                if (socket == null || !writtenAtOnce(buffers, needed)) {
                    // A TLS connection, or a full socket: Jetty's endpoint writes the rest, in slices,
                    // as the socket takes more.
                    slicedWrite().start(buffers, needed);
                    continue;
                }
            } catch (IOException | RuntimeException e) {
                failed(e);
                return Action.SCHEDULED;
            }
            completeWritten();
        }
    }

    /** Moves each time the socket takes part of a write it could not take whole (see {@link SlicedWrite}). */
    long progress() {
        SlicedWrite write = sliced;
        return write == null ? 0 : write.progress();
    }

    private SlicedWrite slicedWrite() {
        SlicedWrite write = sliced;
        if (write == null) {
            write = new SlicedWrite();
            sliced = write;
        }
        return write;
    }

    /**
     * The next chain to write, {@link #MAX_GATHER} frames at most, or null. Null too once the
     * connection ended: a write's completion, run inside {@link #process()}, may end it.
     */
    private synchronized WriterItem take() {
        if (ended) {
            return null;
        }
        WriterItem chain = first;
        WriterItem end = chain;
        for (int count = 1; end != null && count < MAX_GATHER && end.next != null; count++) {
            end = end.next;
        }
        if (end == null) {
            return null;
        }
        first = end.next;
        if (first == null) {
            last = null;
        }
        end.next = null;
        return chain;
    }

    /**
     * Writes to the socket directly, as Jetty's endpoint would, without its write state machine and
     * with a plain write for a lone buffer (Jetty always gathers): false when the socket took only
     * part, which then stays in the buffers.
     */
    private boolean writtenAtOnce(ByteBuffer[] buffers, int count) throws IOException {
        long written = count == 1 ? socket.write(buffers[0]) : socket.write(buffers, 0, count);
        if (written > 0) {
            plain.notIdle();
        }
        if (!buffers[count - 1].hasRemaining()) {
            return true;
        }
        if (written > 0) {
            slicedWrite().progressed();
        }
        return false;
    }

    private ByteBuffer[] gathered(WriterItem chain, int needed) {
        ByteBuffer[] buffers = gatheredFor(needed);
        int next = 0;
        for (WriterItem item = chain; item != null; item = item.next) {
            if (item instanceof PooledFrame frame) {
                buffers[next++] = frame.framed();
            } else {
                Frame frame = ((Entry) item).entry.getFrame();
                if (frame.getOpCode() != OpCode.UNDEFINED) {
                    buffers[next++] = FrameHeader.of(frame);
                    if (BufferUtil.hasContent(frame.getPayload())) {
                        // A slice: the frame's own payload keeps its position for whoever reads it after.
                        buffers[next++] = frame.getPayload().slice();
                    }
                }
            }
        }
        return buffers;
    }

    private ByteBuffer[] gatheredFor(int needed) {
        if (gathered.length < needed) {
            gathered = new ByteBuffer[needed];
            Arrays.fill(gathered, BufferUtil.EMPTY_BUFFER);
        }
        gatheredUsed = needed;
        return gathered;
    }

    private void releaseGathered() {
        Arrays.fill(gathered, 0, gatheredUsed, BufferUtil.EMPTY_BUFFER);
        gatheredUsed = 0;
    }

    private static int bufferCount(WriterItem item) {
        if (item instanceof PooledFrame) {
            return 1;
        }
        Frame frame = ((Entry) item).entry.getFrame();
        if (frame.getOpCode() == OpCode.UNDEFINED) {
            return 0;
        }
        return BufferUtil.hasContent(frame.getPayload()) ? 2 : 1;
    }

    /** A write through Jetty's endpoint completed: a slice, or the flush markers' empty write. */
    @Override
    protected void onSuccess() {
        SlicedWrite write = sliced;
        if (write != null && write.active()) {
            write.progressed(); // process() hands out the next slice, or completes the write
            return;
        }
        completeWritten();
    }

    /** The write in flight completed: each frame's callback, in order. */
    private void completeWritten() {
        WriterItem item = writing;
        writing = null;
        releaseGathered();
        while (item != null) {
            // Unlinked before its completion: a written frame may be filled and queued again at once.
            WriterItem next = item.next;
            item.next = null;
            if (item instanceof PooledFrame frame) {
                complete(frame, null);
            } else {
                OutgoingEntry entry = ((Entry) item).entry;
                if (entry.getFrame().getOpCode() == OpCode.CLOSE) {
                    endPoint.shutdownOutput();
                }
                complete(entry.getCallback(), null);
            }
            item = next;
        }
    }

    @Override
    protected void onFailure(Throwable cause) {
        writeFailed(cause);
    }

    /** Reports a failed write to the session, which closes it; a test's writer may listen instead. */
    void writeFailed(Throwable cause) {
        session.processConnectionError(cause, Callback.NOOP);
    }

    /** A write failed or the connection ended: every frame in flight or waiting fails, and the connection closes. */
    @Override
    protected void onCompleteFailure(Throwable cause) {
        WriterItem waiting;
        synchronized (this) {
            refuse(cause);
            waiting = takeAll();
        }
        WriterItem inFlight = writing;
        writing = null;
        SlicedWrite write = sliced;
        if (write != null) {
            write.clear();
        }
        releaseGathered();
        failAll(inFlight, cause);
        failAll(waiting, cause);
        endPoint.close(cause);
    }

    private static void failAll(WriterItem chain, Throwable cause) {
        for (WriterItem item = chain; item != null; ) {
            WriterItem next = item.next;
            item.next = null;
            complete(item instanceof PooledFrame frame ? frame : ((Entry) item).entry.getCallback(), cause);
            item = next;
        }
    }

    /** One of Jetty's frames in the queue. */
    private static final class Entry extends WriterItem {
        final OutgoingEntry entry;

        Entry(OutgoingEntry entry) {
            this.entry = entry;
        }
    }

    /** Completes a frame's callback: succeeded when {@code cause} is null, else failed. */
    private static void complete(Callback callback, Throwable cause) {
        if (callback == null) {
            return;
        }
        try {
            if (cause == null) {
                callback.succeeded();
            } else {
                callback.failed(cause);
            }
        } catch (Throwable x) {
            LOG.debug("a frame's completion failed", x);
        }
    }
}
