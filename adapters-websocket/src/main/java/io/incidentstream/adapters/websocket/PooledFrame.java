package io.incidentstream.adapters.websocket;

import io.incidentstream.application.port.out.WriteCallback;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Frame;

/**
 * One reusable text frame: its buffer and Jetty's frame object, and the callback
 * Jetty completes once the bytes are written, at which point the frame goes back to its pool.
 * Jetty's frame flusher writes a slice of the payload and keeps no reference after completing the
 * callback; the deflate extension, when negotiated, reads the payload into its own buffers before.
 * A failed write does not return the frame: the connection is being torn down, and its endpoint
 * may still hold the bytes; the pool makes another in its place.
 */
final class PooledFrame implements Callback {

    /** The pool to return to; null for a frame made beyond the pool's bound, left to the collector. */
    private final FramePool pool;

    private final ByteBuffer buffer;
    private final Frame frame = FramePool.textFrame();
    /** The session's completion when this frame ends a write; null for the frames before it. */
    private WriteCallback callback;

    PooledFrame(FramePool pool, ByteBuffer buffer) {
        this.pool = pool;
        this.buffer = buffer;
    }

    int capacity() {
        return buffer.capacity();
    }

    /** Fills the frame with {@code event}'s frame for a session whose {@code subscriptionIds} matched. */
    Frame fill(EventFrame event, List<String> subscriptionIds, WriteCallback callback) {
        buffer.clear();
        event.writeTo(buffer, subscriptionIds);
        buffer.flip();
        this.callback = callback;
        // Extensions may have marked the frame on its last trip (deflate sets RSV1 on what it sends).
        frame.setFin(true).setRsv1(false).setRsv2(false).setRsv3(false);
        frame.setPayload(buffer);
        return frame;
    }

    @Override
    public void succeeded() {
        WriteCallback done = callback;
        callback = null;
        if (pool != null) {
            pool.give(this);
        }
        if (done != null) {
            done.written();
        }
    }

    @Override
    public void failed(Throwable cause) {
        WriteCallback done = callback;
        callback = null;
        if (pool != null) {
            pool.lost(this);
        }
        if (done != null) {
            done.failed(cause);
        }
    }
}
