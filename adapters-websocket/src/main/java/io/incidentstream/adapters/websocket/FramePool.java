package io.incidentstream.adapters.websocket;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * Text frames for event messages, reused once Jetty has written them: a frame's bytes are the
 * encoded event plus one session's subscription ids (about 1 KB), so building each one in a new
 * array made most of the server's allocation per delivery. Frames come in size classes (2 KiB to
 * 64 KiB, doubling); a larger one is made and dropped as before.
 *
 * <p>The pool makes at most {@link #KEPT_PER_CLASS} frames of each class, in direct memory, and
 * keeps every one it made: the socket takes a direct buffer as it is, where a heap buffer is first
 * copied into a temporary direct one on every write (3% of the server's CPU samples at 1,000
 * subscribers and 100 events/s; about 2% less CPU with direct frames, measured). A session has one
 * write in flight at most, and on loopback or a fast network a write completes within the call that
 * started it, so a few frames serve a whole fan-out; under back-pressure more are out at once, and
 * those asked for beyond the bound are plain heap frames that the garbage collector takes when they
 * come back, so that direct memory is never allocated and freed per delivery. A frame lost to a
 * failed write is made again. A lock per class guards a small array: taken for a few nanoseconds,
 * without allocating.
 */
final class FramePool {

    static final int KEPT_PER_CLASS = 64;
    private static final int SMALLEST_SHIFT = 11;
    private static final int CLASSES = 6;

    private final PooledFrame[][] free = new PooledFrame[CLASSES][KEPT_PER_CLASS];
    private final int[] counts = new int[CLASSES];
    /** Frames of each class the pool made and has not lost, free or being written. */
    private final int[] made = new int[CLASSES];

    /** A frame that holds at least {@code length} bytes, ready to be filled. */
    PooledFrame take(int length) {
        int sizeClass = sizeClass(length);
        if (sizeClass >= CLASSES) {
            return new PooledFrame(null, ByteBuffer.allocate(length));
        }
        int capacity = 1 << (sizeClass + SMALLEST_SHIFT);
        PooledFrame[] stack = free[sizeClass];
        synchronized (stack) {
            int count = counts[sizeClass];
            if (count > 0) {
                PooledFrame frame = stack[--count];
                stack[count] = null;
                counts[sizeClass] = count;
                return frame;
            }
            if (made[sizeClass] == KEPT_PER_CLASS) {
                return new PooledFrame(null, ByteBuffer.allocate(capacity));
            }
            made[sizeClass]++;
        }
        return new PooledFrame(this, ByteBuffer.allocateDirect(capacity));
    }

    /** Takes back a frame of this pool that Jetty has finished with. */
    void give(PooledFrame frame) {
        int sizeClass = sizeClass(frame.capacity());
        PooledFrame[] stack = free[sizeClass];
        synchronized (stack) {
            stack[counts[sizeClass]++] = frame;
        }
    }

    /** A frame of this pool whose write failed: it may still be referenced, so another is made in its place. */
    void lost(PooledFrame frame) {
        int sizeClass = sizeClass(frame.capacity());
        synchronized (free[sizeClass]) {
            made[sizeClass]--;
        }
    }

    /** Free frames kept now, over all classes (for tests). */
    int kept() {
        int total = 0;
        for (int i = 0; i < CLASSES; i++) {
            synchronized (free[i]) {
                total += counts[i];
            }
        }
        return total;
    }

    private static int sizeClass(int length) {
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, length - 1));
        return Math.max(0, bits - SMALLEST_SHIFT);
    }

    static Frame textFrame() {
        return new Frame(OpCode.TEXT, true, ByteBuffer.allocate(0));
    }
}
