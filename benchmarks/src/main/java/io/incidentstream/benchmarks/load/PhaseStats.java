package io.incidentstream.benchmarks.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What happened to the events of one phase of the fan-out run: publishes answered 2xx or not,
 * deliveries received, and publish-to-receive latency in microseconds (HdrHistogram, 3 digits).
 */
public final class PhaseStats {

    private static final long MAX_MICROS = 120_000_000L;

    private final Recorder latency = new Recorder(MAX_MICROS, 3);
    private final LongAdder published = new LongAdder();
    private final LongAdder publishFailed = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final AtomicLong lastReceivedNanos = new AtomicLong();
    private volatile long startNanos;

    void started(long nanos) {
        startNanos = nanos;
    }

    void countPublished() {
        published.increment();
    }

    void countPublishFailed() {
        publishFailed.increment();
    }

    /** A delivery of an event due at {@code dueNanos}, received at {@code nowNanos}. */
    void received(long dueNanos, long nowNanos) {
        received.increment();
        latency.recordValue(Math.min(MAX_MICROS, Math.max(0, (nowNanos - dueNanos) / 1000)));
        lastReceivedNanos.accumulateAndGet(nowNanos, Math::max);
    }

    public long published() {
        return published.sum();
    }

    public long publishFailed() {
        return publishFailed.sum();
    }

    public long receivedCount() {
        return received.sum();
    }

    public long startNanos() {
        return startNanos;
    }

    public long lastReceivedNanos() {
        return lastReceivedNanos.get();
    }

    /** The latencies recorded so far (taking them resets the recorder). */
    public Histogram latencies() {
        return latency.getIntervalHistogram();
    }
}
