package io.incidentstream.adapters.websocket;

import java.nio.ByteBuffer;

/**
 * What a full socket left of a write, handed to Jetty's endpoint {@link #SLICE_BYTES} at a time.
 * Jetty completes a write only once all of it is out, which for a quarter of a megabyte to a reader
 * on a slow network takes long enough to look like a reader that takes nothing: each slice that
 * completes is progress the stalled-write sweep can see. One per connection, made at its first
 * write that the socket could not take whole.
 */
final class SlicedWrite {

    /** Small enough that a reader taking 10 KB a second completes a slice well within the default 15 s write timeout. */
    static final int SLICE_BYTES = 64 * 1024;

    private ByteBuffer[] buffers;
    private int count;
    /** The slice in flight ends inside this buffer ({@code cutLength} bytes of it), or -1 when it ends with a whole one. */
    private int cut = -1;

    private int cutLength;
    /** Written by the writing thread only, read by the stalled-write sweep. */
    private volatile long progress;

    /** Starts slicing what is left in {@code buffers[0..count)}. */
    void start(ByteBuffer[] buffers, int count) {
        this.buffers = buffers;
        this.count = count;
        cut = -1;
    }

    boolean active() {
        return buffers != null;
    }

    /**
     * Takes the slice in flight as written, and returns the next one, or null when the write is
     * complete (the slicing then ends). The slice holds the buffers themselves, whose positions
     * Jetty moves as it writes, and a view of the last when only part of it fits.
     */
    ByteBuffer[] next() {
        if (cut >= 0) {
            ByteBuffer partly = buffers[cut];
            partly.position(partly.position() + cutLength);
            cut = -1;
        }
        int first = 0;
        while (first < count && !buffers[first].hasRemaining()) {
            first++;
        }
        if (first == count) {
            buffers = null;
            return null;
        }
        int end = first;
        int bytes = 0;
        while (end < count && bytes + buffers[end].remaining() <= SLICE_BYTES) {
            bytes += buffers[end++].remaining();
        }
        if (end == first) {
            // Even the first buffer is larger than a slice: a view of its next SLICE_BYTES.
            ByteBuffer big = buffers[first];
            cut = first;
            cutLength = SLICE_BYTES;
            return new ByteBuffer[] {big.slice(big.position(), SLICE_BYTES)};
        }
        ByteBuffer[] slice = new ByteBuffer[end - first];
        System.arraycopy(buffers, first, slice, 0, slice.length);
        return slice;
    }

    /** The socket took part of the write: a slice, or some bytes of a direct write. */
    void progressed() {
        progress++;
    }

    long progress() {
        return progress;
    }

    void clear() {
        buffers = null;
        cut = -1;
    }
}
