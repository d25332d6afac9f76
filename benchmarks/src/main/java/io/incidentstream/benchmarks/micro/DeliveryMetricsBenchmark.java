package io.incidentstream.benchmarks.micro;

import io.incidentstream.adapters.metrics.MicrometerStreamMetrics;
import io.incidentstream.adapters.metrics.PrometheusMetrics;
import io.incidentstream.application.port.out.StreamMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What the metrics cost on every delivery (a frame counted, a delivery counted, its latency
 * recorded), on one writer thread and on two at once, as the server's writers record them. Beside
 * it, the same three records made with Micrometer's own counters and {@code Timer} (the meters the
 * server used before), measured in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DeliveryMetricsBenchmark {

    private static final long LATENCY_NANOS = 1_500_000;

    private PrometheusMetrics server;
    private StreamMetrics metrics;
    private PrometheusMeterRegistry micrometer;
    private Counter framesSent;
    private Counter delivered;
    private Timer latency;

    @Setup
    public void setUp() {
        server = new PrometheusMetrics();
        metrics = server.streamMetrics();
        micrometer = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        framesSent = Counter.builder("frames.sent").register(micrometer);
        delivered = Counter.builder("delivered").tag("transport", "ws").register(micrometer);
        latency = Timer.builder("latency")
                .tag("transport", "ws")
                .serviceLevelObjectives(MicrometerStreamMetrics.latencyBuckets())
                .register(micrometer);
    }

    @TearDown
    public void tearDown() {
        server.close();
        micrometer.close();
    }

    @Benchmark
    @Threads(1)
    public void ours() {
        deliver();
    }

    @Benchmark
    @Threads(2)
    public void oursTwoWriters() {
        deliver();
    }

    @Benchmark
    @Threads(1)
    public void micrometer() {
        deliverWithMicrometer();
    }

    @Benchmark
    @Threads(2)
    public void micrometerTwoWriters() {
        deliverWithMicrometer();
    }

    private void deliver() {
        metrics.messageSent();
        metrics.eventDelivered("ws", LATENCY_NANOS);
    }

    private void deliverWithMicrometer() {
        framesSent.increment();
        delivered.increment();
        latency.record(LATENCY_NANOS, TimeUnit.NANOSECONDS);
    }
}
