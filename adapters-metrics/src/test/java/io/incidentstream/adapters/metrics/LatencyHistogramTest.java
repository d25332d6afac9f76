package io.incidentstream.adapters.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Buckets as Prometheus reads them ({@code le}: at most the bound), the sum, the windowed maximum. */
@Timeout(30)
class LatencyHistogramTest {

    private static final Duration[] BOUNDS = {Duration.ofNanos(100), Duration.ofNanos(1_000), Duration.ofNanos(10_000)};
    private static final long MINUTE = LatencyHistogram.MAX_WINDOW.toNanos();

    @Test
    void aValueCountsInTheFirstBucketItDoesNotExceed_andAboveEveryBoundInTheLast() {
        LatencyHistogram histogram = new LatencyHistogram(BOUNDS, 0);
        for (long value : new long[] {0, 100, 101, 1_000, 9_999, 10_000, 10_001, Long.MAX_VALUE / 2}) {
            histogram.record(value);
        }
        LatencyHistogram.Snapshot snapshot = histogram.snapshot(0);
        assertThat(snapshot.upperBoundsNanos()).containsExactly(100, 1_000, 10_000);
        assertThat(snapshot.counts()).containsExactly(2, 2, 2, 2);
        assertThat(snapshot.count()).isEqualTo(8);
        assertThat(snapshot.sumNanos()).isEqualTo(0 + 100 + 101 + 1_000 + 9_999 + 10_000 + 10_001 + Long.MAX_VALUE / 2);
    }

    @Test
    void theMaximum_coversTheLastOneToTwoMinutes_rotatedWhenRead() {
        LatencyHistogram histogram = new LatencyHistogram(BOUNDS, 0);
        histogram.record(5_000);
        assertThat(histogram.snapshot(MINUTE / 2).maxNanos()).isEqualTo(5_000);
        // The first window ends at this read; its maximum is still the last window's.
        assertThat(histogram.snapshot(MINUTE).maxNanos()).isEqualTo(5_000);
        histogram.record(700);
        assertThat(histogram.snapshot(MINUTE + MINUTE / 2).maxNanos()).isEqualTo(5_000);
        // This read ends the second window: still the first's 5,000 (the last window's), then only the 700.
        assertThat(histogram.snapshot(2 * MINUTE).maxNanos()).isEqualTo(5_000);
        assertThat(histogram.snapshot(2 * MINUTE + 1).maxNanos()).isEqualTo(700);
        assertThat(histogram.snapshot(3 * MINUTE).maxNanos()).isEqualTo(700);
        assertThat(histogram.snapshot(4 * MINUTE).maxNanos()).isZero();
        assertThat(histogram.snapshot(4 * MINUTE).count())
                .as("counts are never reset")
                .isEqualTo(2);
    }

    @Test
    void writersRecordingAtOnce_loseNothing() throws Exception {
        LatencyHistogram histogram = new LatencyHistogram(BOUNDS, 0);
        int perThread = 200_000;
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<?>[] writers = new Future<?>[4];
            for (int t = 0; t < writers.length; t++) {
                writers[t] = threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        histogram.record(i % 3 == 0 ? 50 : 5_000);
                    }
                    return null;
                });
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(20, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        LatencyHistogram.Snapshot snapshot = histogram.snapshot(0);
        long small = 4L * ((perThread + 2) / 3);
        assertThat(snapshot.count()).isEqualTo(4L * perThread);
        assertThat(snapshot.counts()).containsExactly(small, 0, 4L * perThread - small, 0);
        assertThat(snapshot.maxNanos()).isEqualTo(5_000);
    }

    @Test
    void boundsThatDoNotRise_areRefused() {
        assertThatThrownBy(() -> new LatencyHistogram(new Duration[] {Duration.ofMillis(2), Duration.ofMillis(1)}, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bucket bounds must rise");
    }
}
