package io.incidentstream.adapters.metrics;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * A histogram of fixed buckets for a value recorded on every delivery, made to cost about what a
 * counter costs: one striped counter per bucket, a striped sum and a striped maximum, so writer
 * threads recording at once never share a lock or a contended cell, and no clock is read.
 *
 * <p>Micrometer's {@code Timer} took 120 ns a record on one thread and 470 ns with two threads
 * recording together (its time-window maximum and its bucket array are shared), several per cent of
 * a delivery's CPU at the target load of docs/performance.md. The maximum here covers the last one
 * to two minutes, as Micrometer's {@code _max} does, but is rotated when read, not when recorded.
 */
final class LatencyHistogram {

    /** The maximum is kept over windows of this length; a read reports the current and the last one. */
    static final Duration MAX_WINDOW = Duration.ofMinutes(1);

    private final long[] upperBoundsNanos;
    /** Per bucket, how many values fell in it (not cumulative); the last bucket is above every bound. */
    private final LongAdder[] counts;

    private final LongAdder sumNanos = new LongAdder();
    private final LongAccumulator windowMax = new LongAccumulator(Math::max, 0);
    // Guarded by this: rotated by readers only.
    private long lastWindowMax;
    private long windowStartNanos;

    LatencyHistogram(Duration[] upperBounds, long nowNanos) {
        upperBoundsNanos =
                Arrays.stream(upperBounds).mapToLong(Duration::toNanos).toArray();
        for (int i = 1; i < upperBoundsNanos.length; i++) {
            if (upperBoundsNanos[i] <= upperBoundsNanos[i - 1]) {
                throw new IllegalArgumentException("bucket bounds must rise: " + Arrays.toString(upperBounds));
            }
        }
        counts = new LongAdder[upperBoundsNanos.length + 1];
        Arrays.setAll(counts, i -> new LongAdder());
        windowStartNanos = nowNanos;
    }

    /** Counts a value in the first bucket whose bound it does not exceed (Prometheus' {@code le}). */
    void record(long nanos) {
        int found = Arrays.binarySearch(upperBoundsNanos, nanos);
        counts[found >= 0 ? found : -found - 1].increment();
        sumNanos.add(nanos);
        windowMax.accumulate(nanos);
    }

    /** What the histogram holds now; counts and sum are read one after another, as any scrape does. */
    synchronized Snapshot snapshot(long nowNanos) {
        long[] perBucket = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            perBucket[i] = counts[i].sum();
        }
        long max = Math.max(lastWindowMax, windowMax.get());
        if (nowNanos - windowStartNanos >= MAX_WINDOW.toNanos()) {
            lastWindowMax = windowMax.getThenReset();
            windowStartNanos = nowNanos;
        }
        return new Snapshot(upperBoundsNanos.clone(), perBucket, sumNanos.sum(), max);
    }

    /**
     * @param upperBoundsNanos the bounds, without the last bucket's (+Inf)
     * @param counts           per bucket, not cumulative, one more than the bounds
     * @param maxNanos         the largest value of the last one to two minutes
     */
    record Snapshot(long[] upperBoundsNanos, long[] counts, long sumNanos, long maxNanos) {

        long count() {
            return Arrays.stream(counts).sum();
        }
    }
}
