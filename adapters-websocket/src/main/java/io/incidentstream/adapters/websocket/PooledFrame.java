package io.incidentstream.adapters.websocket;

import io.incidentstream.application.port.out.WriteCallback;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * One reusable text frame: its buffer and Jetty's frame object, and the callback
 * completed once the bytes are written, at which point the frame goes back to its pool.
 * The buffer keeps {@link FrameHeader#MAX_LENGTH} bytes free in front of the payload, so that the
 * frame's header can be written there and the whole frame handed to the socket as one buffer
 * ({@link #framed()}, for the {@link FrameWriter}). Through the session instead, Jetty's frame is
 * used: the writer writes a slice of its payload and keeps no reference after completing the
 * callback; the deflate extension, when negotiated, reads the payload into its own buffers before.
 * A failed write does not return the frame: the connection is being torn down, and its endpoint
 * may still hold the bytes; the pool makes another in its place.
 */
final class PooledFrame extends WriterItem implements Callback {

    /** The pool to return to; null for a frame made beyond the pool's bound, left to the collector. */
    private final FramePool pool;

    private final ByteBuffer buffer;
    /** The buffer as the one-element array a write takes: kept with the pooled frame, not made per write. */
    private final ByteBuffer[] alone;

    private final Frame frame = FramePool.textFrame();
    /** The session's completion when this frame ends a write; null for the frames before it. */
    private WriteCallback callback;

    PooledFrame(FramePool pool, ByteBuffer buffer) {
        this.pool = pool;
        this.buffer = buffer;
        this.alone = new ByteBuffer[] {buffer};
    }

    /** Jetty's frame over the payload, as {@link #fill} returned it. */
    Frame frame() {
        return frame;
    }

    int capacity() {
        return buffer.capacity();
    }

    /** The buffer's length for a payload of {@code payloadLength} bytes: the header's room in front. */
    static int bufferLength(int payloadLength) {
        return FrameHeader.MAX_LENGTH + payloadLength;
    }

    /** Fills the frame with {@code event}'s frame for a session whose {@code subscriptionIds} matched. */
    Frame fill(EventFrame event, List<String> subscriptionIds, WriteCallback callback) {
        buffer.clear().position(FrameHeader.MAX_LENGTH);
        event.writeTo(buffer, subscriptionIds);
        buffer.flip().position(FrameHeader.MAX_LENGTH);
        this.callback = callback;
        // Extensions may have marked the frame on its last trip (deflate sets RSV1 on what it sends).
        frame.setFin(true).setRsv1(false).setRsv2(false).setRsv3(false);
        frame.setPayload(buffer);
        return frame;
    }

    /**
     * The whole frame as the wire carries it, for the frame filled last: its header (a final text
     * frame, unmasked, as a server's frames are) written just before its payload.
     */
    ByteBuffer framed() {
        int length = buffer.limit() - FrameHeader.MAX_LENGTH;
        int start = FrameHeader.MAX_LENGTH - FrameHeader.length(length);
        FrameHeader.put(buffer, start, (byte) (FrameHeader.FIN | OpCode.TEXT), length);
        buffer.position(start);
        return buffer;
    }

    /** {@link #framed()} as a one-element array, for a write of this frame alone. */
    ByteBuffer[] framedAlone() {
        framed();
        return alone;
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
