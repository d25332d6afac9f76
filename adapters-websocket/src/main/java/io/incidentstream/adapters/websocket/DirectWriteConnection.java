package io.incidentstream.adapters.websocket;

import java.util.concurrent.Executor;
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
 * block; ours does not (a resume on a cluster node, which may ask Redis, it runs on the pool itself:
 * {@link #runMayWait}). Reading on the selector takes a thread hand-off off every client message:
 * about a tenth of the server's CPU per connection in a reconnect storm (issue 14). So that one
 * client that never stops sending cannot hold the selector, and every other connection on it, the
 * frames after the first {@link #FRAMES_PER_WAKE_UP} of one wake-up are read on the pool
 * ({@link #demandNext}). The connection is its own read callback: no object more per connection.
 */
final class DirectWriteConnection extends WebSocketConnection implements Callback {

    /** Frames one wake-up of the selector reads of a connection before the pool reads the rest. */
    static final int FRAMES_PER_WAKE_UP = 16;

    private final FrameWriter writer;
    /** Frames read since the selector last woke this connection; only the reading thread touches it. */
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
     * Asks for the next frame of {@code session}, this connection's: read at once on this thread,
     * or, past {@link #FRAMES_PER_WAKE_UP} frames of this wake-up, on the pool (a demand from
     * another thread reads there). The session is the caller's, so that no field holds it twice.
     */
    void demandNext(CoreSession session) {
        if (framesThisWakeUp < FRAMES_PER_WAKE_UP) {
            framesThisWakeUp++;
            session.demand();
        } else {
            framesThisWakeUp = 0;
            getExecutor().execute(session::demand);
        }
    }

    /**
     * Runs {@code work}, which may wait (a round trip to Redis), on the pool; the caller asks for no
     * frame meanwhile, so that messages keep their order.
     */
    void runMayWait(Runnable work) {
        getExecutor().execute(work);
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        writer.close(cause);
    }
}
