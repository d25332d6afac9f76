package io.incidentstream.application.fakes;

import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.application.message.EncodedEvent;
import io.incidentstream.application.port.out.EventEncoder;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Encodes every event to a fixed size and counts the calls. {@link #hold()} makes the next encodes
 * block (the dispatcher thread calls the encoder, so this parks the dispatcher) until {@link #release()}.
 */
public final class RecordingEncoder implements EventEncoder {

    /** The wire form: just the seq and the size. */
    public record Encoded(long seq, int sizeInBytes) implements EncodedEvent {}

    private final int size;
    private final AtomicInteger encodes = new AtomicInteger();
    private volatile CountDownLatch gate;
    private final CountDownLatch blocked = new CountDownLatch(1);

    public RecordingEncoder(int size) {
        this.size = size;
    }

    public RecordingEncoder() {
        this(100);
    }

    @Override
    public EncodedEvent encode(AdmittedEvent event) {
        encodes.incrementAndGet();
        CountDownLatch current = gate;
        if (current != null) {
            blocked.countDown();
            try {
                if (!current.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("encoder held for more than 10s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Encoded(event.seq(), size);
    }

    /** Makes later encodes wait for {@link #release()}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    /** Waits until an encode is blocked on the gate, i.e. the dispatcher is parked. */
    public void awaitBlocked() throws InterruptedException {
        if (!blocked.await(5, TimeUnit.SECONDS)) {
            throw new AssertionError("the encoder was never called while held");
        }
    }

    public void release() {
        CountDownLatch current = gate;
        gate = null;
        if (current != null) {
            current.countDown();
        }
    }

    public int encodes() {
        return encodes.get();
    }
}
