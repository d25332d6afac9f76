package io.incidentstream.adapters.websocket;

import java.util.concurrent.Executor;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * Jetty's WebSocket connection, reading as Jetty does, whose every outgoing frame goes through
 * a {@link FrameWriter} instead of Jetty's frame flusher (which stays, unused). Event frames reach
 * the writer directly ({@link #writer()}); the session's frames arrive by {@link #enqueueFrame}.
 */
final class DirectWriteConnection extends WebSocketConnection {

    private final FrameWriter writer;

    DirectWriteConnection(
            EndPoint endPoint,
            Executor executor,
            Scheduler scheduler,
            ByteBufferPool bufferPool,
            WebSocketCoreSession session) {
        super(endPoint, executor, scheduler, bufferPool, session);
        this.writer = new FrameWriter(endPoint, session);
    }

    FrameWriter writer() {
        return writer;
    }

    @Override
    public void enqueueFrame(OutgoingEntry entry) {
        writer.enqueue(entry);
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        writer.close(cause);
    }
}
