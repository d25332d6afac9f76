package io.incidentstream.adapters.websocket;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * Jetty's WebSocket connection, whose every outgoing frame goes through a {@link FrameWriter}
 * instead of Jetty's frame flusher (which stays, unused), and whose frames are read on the selector
 * thread that saw them arrive. Event frames reach the writer directly ({@link #writer()}); the
 * session's frames arrive by {@link #enqueueFrame}.
 *
 * <p>Jetty hands every read of a WebSocket connection to its thread pool, as if the endpoint could
 * block; ours does not (what may take long, it runs on the pool itself: {@link #runOnPool}). Reading
 * on the selector takes a thread hand-off off every client message: about a tenth of the server's
 * CPU per connection in a reconnect storm (issue 14). So that one client that never stops sending
 * cannot hold the selector, and every other connection on it, a wake-up reads about
 * {@link #FRAMES_PER_WAKE_UP} frames of a connection, and the pool reads on ({@link #demand}). The
 * connection is its own read callback: no object more per connection.
 */
final class DirectWriteConnection extends WebSocketConnection implements Callback {

    /** Frames one wake-up of the selector reads of a connection before the pool reads the rest. */
    static final int FRAMES_PER_WAKE_UP = 16;

    private final FrameWriter writer;
    /**
     * Frames asked for since the selector last woke this connection. Only the thread reading the
     * connection, or one the reader handed its turn to (the pool, through Jetty's demand lock or the
     * executor's queue), touches it.
     */
    private byte framesThisWakeUp;

    DirectWriteConnection(
            EndPoint endPoint,
            Executor executor,
            Scheduler scheduler,
            ByteBufferPool bufferPool,
            WebSocketCoreSession session) {
        super(endPoint, executor, scheduler, bufferPool, session);
        this.writer = new FrameWriter(endPoint, session);
    }

    /** This session's connection when it is one of these (an HTTP/1.1 upgrade), else null. */
    static DirectWriteConnection of(CoreSession session) {
        return session instanceof WebSocketCoreSession core && core.getConnection() instanceof DirectWriteConnection c
                ? c
                : null;
    }

    FrameWriter writer() {
        return writer;
    }

    @Override
    public void enqueueFrame(OutgoingEntry entry) {
        writer.enqueue(entry);
    }

    @Override
    public void fillInterested() {
        getEndPoint().fillInterested(this);
    }

    /** The socket is readable: read here, on the selector. */
    @Override
    public void succeeded() {
        framesThisWakeUp = 0;
        onFillable();
    }

    @Override
    public void failed(Throwable failure) {
        onFillInterestedFailed(failure);
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    /**
     * Asks for the next frame: every demand comes here, the endpoint's, those of Jetty's message
     * sink for the fragments of one message, and those of an extension. Read at once, or, past
     * {@link #FRAMES_PER_WAKE_UP} since the selector last woke this connection, on the pool (a
     * demand from another thread reads there). Approximate: a demand may still reach the reader
     * before it lets go, which then reads on.
     */
    @Override
    public void demand() {
        if (framesThisWakeUp < FRAMES_PER_WAKE_UP) {
            framesThisWakeUp++;
            super.demand();
            return;
        }
        framesThisWakeUp = 0;
        try {
            getExecutor().execute(super::demand);
        } catch (RejectedExecutionException stopping) {
            // The server is stopping: read here, as the connection is about to close anyway.
            super.demand();
        }
    }

    /**
     * Runs {@code work}, which may take long (a round trip to Redis, a token's signature), on the
     * pool; the caller asks for no frame meanwhile, so that messages keep their order.
     */
    void runOnPool(Runnable work) {
        getExecutor().execute(work);
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        writer.close(cause);
    }
}
