package io.incidentstream.adapters.websocket;

import org.eclipse.jetty.websocket.core.Frame;

/**
 * Text frames for event messages, reused once Jetty has written them: a frame's bytes are the
 * encoded event plus one session's subscription ids (about 1 KB), so building each one in a new
 * array made most of the server's allocation per delivery. Frames come in size classes (2 KiB to
 * 64 KiB, doubling); a larger one is made and dropped as before.
 *
 * <p>Each class keeps at most {@link #KEPT_PER_CLASS} free frames. A session has one write in
 * flight at most, and on loopback or a fast network a write completes within the call that started
 * it, so a few frames serve a whole fan-out; under back-pressure more are out at once, and those
 * made beyond the bound are left to the garbage collector when they come back. A lock per class
 * guards a small array: taken for a few nanoseconds, without allocating.
 */
final class FramePool {

    static final int KEPT_PER_CLASS = 64;
    private static final int SMALLEST_SHIFT = 11;
    private static final int CLASSES = 6;

    private final PooledFrame[][] free = new PooledFrame[CLASSES][KEPT_PER_CLASS];
    private final int[] counts = new int[CLASSES];

    /** A frame whose array holds at least {@code length} bytes, ready to be filled. */
    PooledFrame take(int length) {
        int sizeClass = sizeClass(length);
        if (sizeClass >= CLASSES) {
            return new PooledFrame(null, new byte[length]);
        }
        PooledFrame[] stack = free[sizeClass];
        synchronized (stack) {
            int count = counts[sizeClass];
            if (count > 0) {
                PooledFrame frame = stack[--count];
                stack[count] = null;
                counts[sizeClass] = count;
                return frame;
            }
        }
        return new PooledFrame(this, new byte[1 << (sizeClass + SMALLEST_SHIFT)]);
    }

    /** Takes back a frame Jetty has finished with; kept if its class has room. */
    void give(PooledFrame frame) {
        int sizeClass = sizeClass(frame.capacity());
        PooledFrame[] stack = free[sizeClass];
        synchronized (stack) {
            int count = counts[sizeClass];
            if (count < KEPT_PER_CLASS) {
                stack[count] = frame;
                counts[sizeClass] = count + 1;
            }
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
        return new Frame(org.eclipse.jetty.websocket.core.OpCode.TEXT, true, java.nio.ByteBuffer.allocate(0));
    }
}
