package io.incidentstream.adapters.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Scrapes {@link LatencyHistogram}s, one per transport, as a Prometheus histogram in seconds and its
 * {@code _max} gauge: the same series a Micrometer {@code Timer} of that name would give.
 */
final class LatencyCollector implements MultiCollector {

    private static final double NANOS_PER_SECOND = 1e9;

    private final String name;
    private final String help;
    private final Labels common;
    private final Supplier<Map<String, LatencyHistogram>> byTransport;

    /**
     * @param name        the histogram's Prometheus name, e.g. {@code websocket_message_latency_seconds}
     * @param common      labels every series carries (the node's {@code node_id}), or {@link Labels#EMPTY}
     * @param byTransport the histograms in the order to scrape them, read at every scrape (a transport may appear later)
     */
    LatencyCollector(String name, String help, Labels common, Supplier<Map<String, LatencyHistogram>> byTransport) {
        this.name = name;
        this.help = help;
        this.common = common;
        this.byTransport = byTransport;
    }

    @Override
    public MetricSnapshots collect() {
        HistogramSnapshot.Builder histogram =
                HistogramSnapshot.builder().name(name).help(help);
        GaugeSnapshot.Builder max = GaugeSnapshot.builder().name(name + "_max").help(help);
        long now = System.nanoTime();
        byTransport.get().forEach((transport, latency) -> {
            LatencyHistogram.Snapshot snapshot = latency.snapshot(now);
            Labels labels = common.add("transport", transport);
            histogram.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .classicHistogramBuckets(
                            ClassicHistogramBuckets.of(upperBoundsInSeconds(snapshot), snapshot.counts()))
                    .sum(snapshot.sumNanos() / NANOS_PER_SECOND)
                    .labels(labels)
                    .build());
            max.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .value(snapshot.maxNanos() / NANOS_PER_SECOND)
                    .labels(labels)
                    .build());
        });
        return MetricSnapshots.of(histogram.build(), max.build());
    }

    private static double[] upperBoundsInSeconds(LatencyHistogram.Snapshot snapshot) {
        long[] nanos = snapshot.upperBoundsNanos();
        double[] seconds = new double[nanos.length + 1];
        for (int i = 0; i < nanos.length; i++) {
            seconds[i] = nanos[i] / NANOS_PER_SECOND;
        }
        seconds[nanos.length] = Double.POSITIVE_INFINITY;
        return seconds;
    }
}
