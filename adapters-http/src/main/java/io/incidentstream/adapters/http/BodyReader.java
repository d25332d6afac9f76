package io.incidentstream.adapters.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without ever blocking a thread: takes the chunks that are there, then asks
 * Jetty to call back when more arrive ({@link Request#demand}). Stops as soon as the body passes
 * the limit, so an oversized body is never buffered whole.
 *
 * <p>The demand callback is a plain {@link Runnable}, which Jetty treats as possibly slow and runs
 * on a pool thread rather than a selector thread: the continuation decodes and publishes the body,
 * which costs CPU (up to the request limit) though it never waits.
 */
final class BodyReader implements Runnable {

    /** Where the outcome goes; exactly one method is called, once. */
    interface Outcome {
        void body(byte[] bytes);

        void tooLarge();

        void failed(Throwable cause);
    }

    private static final int INITIAL_CAPACITY = 8 * 1024;

    private final Request request;
    private final int maxBytes;
    private final Outcome outcome;
    private byte[] bytes;
    private int size;

    private BodyReader(Request request, int maxBytes, long declaredLength, Outcome outcome) {
        this.request = request;
        this.maxBytes = maxBytes;
        this.outcome = outcome;
        this.bytes = new byte[(int) Math.min(maxBytes, declaredLength >= 0 ? declaredLength : INITIAL_CAPACITY)];
    }

    /** Starts reading; {@code declaredLength} is the Content-Length, or -1 when unknown. */
    static void read(Request request, int maxBytes, long declaredLength, Outcome outcome) {
        new BodyReader(request, maxBytes, declaredLength, outcome).run();
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                outcome.failed(chunk.getFailure());
                return;
            }
            boolean fits = append(chunk.getByteBuffer());
            boolean last = chunk.isLast();
            chunk.release();
            if (!fits) {
                bytes = null;
                outcome.tooLarge();
                return;
            }
            if (last) {
                outcome.body(size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
                return;
            }
        }
    }

    private boolean append(ByteBuffer buffer) {
        int count = buffer.remaining();
        if (count > maxBytes - size) {
            return false;
        }
        if (size + count > bytes.length) {
            long grown = Math.max((long) bytes.length * 2, size + count);
            bytes = Arrays.copyOf(bytes, (int) Math.min(grown, maxBytes));
        }
        buffer.get(bytes, size, count);
        size += count;
        return true;
    }
}
