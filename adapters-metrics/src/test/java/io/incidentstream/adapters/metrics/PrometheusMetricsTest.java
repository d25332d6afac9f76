package io.incidentstream.adapters.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scrape as Prometheus sees it: names from PROTOCOL.md section 6, buckets, JVM metrics, extra gauges. */
class PrometheusMetricsTest {

    @RegisterExtension
    final ScrapedPrometheus prometheus = new ScrapedPrometheus();

    @Test
    void scrape_typesEveryStreamMetricUnderItsProtocolNameAndNoOthers() {
        // Exact, so a renamed meter fails here rather than on a dashboard; the _max gauges are
        // Micrometer's own addition to every timer, which the latency histogram keeps.
        assertThat(prometheus.scrape().typeLines())
                .filteredOn(line -> line.startsWith("# TYPE websocket_"))
                .containsExactlyInAnyOrder(
                        "# TYPE websocket_active_connections gauge",
                        "# TYPE websocket_connections_total counter",
                        "# TYPE websocket_active_subscriptions gauge",
                        "# TYPE websocket_messages_sent_total counter",
                        "# TYPE websocket_messages_received_total counter",
                        "# TYPE websocket_events_broadcast_total counter",
                        "# TYPE websocket_events_delivered_total counter",
                        "# TYPE websocket_connection_errors_total counter",
                        "# TYPE websocket_send_errors_total counter",
                        "# TYPE websocket_session_duration_seconds histogram",
                        "# TYPE websocket_message_latency_seconds histogram",
                        "# TYPE websocket_events_dropped_total counter",
                        "# TYPE websocket_slow_consumer_closes_total counter",
                        "# TYPE websocket_gaps_total counter",
                        "# TYPE websocket_idle_closes_total counter",
                        "# TYPE websocket_rate_limited_messages_total counter",
                        "# TYPE websocket_rate_limit_closes_total counter",
                        "# TYPE websocket_queue_depth_events histogram",
                        "# TYPE websocket_queue_depth_events_max gauge",
                        "# TYPE websocket_session_duration_seconds_max gauge",
                        "# TYPE websocket_message_latency_seconds_max gauge");
    }

    @Test
    void sessionDuration_bucketsSpanOneSecondToOneDay() {
        assertThat(prometheus.scrape().bucketBounds("websocket_session_duration_seconds", "ws"))
                .containsExactly(
                        "1.0", "5.0", "15.0", "30.0", "60.0", "300.0", "900.0", "1800.0", "3600.0", "7200.0", "14400.0",
                        "28800.0", "86400.0", "+Inf");
    }

    @Test
    void messageLatency_bucketsSpanOneHundredMicrosecondsToTenSeconds() {
        assertThat(prometheus.scrape().bucketBounds("websocket_message_latency_seconds", "ws"))
                .containsExactly(
                        "1.0E-4", "2.5E-4", "5.0E-4", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1",
                        "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "+Inf");
    }

    @Test
    void onANode_theLatencyHistogramCarriesItsNodeId_likeEveryMicrometerSeries() {
        try (PrometheusMetrics node = new PrometheusMetrics("node-7")) {
            node.streamMetrics().eventDelivered("ws", 300_000);
            node.streamMetrics().messageSent();
            Scrape scrape = new Scrape(node.scrape());
            assertThat(
                            scrape.value(
                                    "websocket_message_latency_seconds_bucket{node_id=\"node-7\",transport=\"ws\",le=\"5.0E-4\"}"))
                    .isEqualTo(1.0);
            assertThat(scrape.value("websocket_message_latency_seconds_count{node_id=\"node-7\",transport=\"ws\"}"))
                    .isEqualTo(1.0);
            assertThat(scrape.value("websocket_message_latency_seconds_sum{node_id=\"node-7\",transport=\"ws\"}"))
                    .isEqualTo(3.0E-4);
            assertThat(scrape.value("websocket_message_latency_seconds_max{node_id=\"node-7\",transport=\"ws\"}"))
                    .isEqualTo(3.0E-4);
            assertThat(scrape.value("websocket_events_delivered_total{node_id=\"node-7\",transport=\"ws\"}"))
                    .isEqualTo(1.0);
            assertThat(scrape.value("websocket_messages_sent_total{node_id=\"node-7\"}"))
                    .isEqualTo(1.0);
        }
    }

    @Test
    void scrape_includesJvmAndProcessMetrics() {
        assertThat(prometheus.scrape().typeLines())
                .contains(
                        "# TYPE jvm_memory_used_bytes gauge",
                        "# TYPE jvm_gc_memory_allocated_bytes_total counter",
                        "# TYPE jvm_threads_live_threads gauge",
                        "# TYPE jvm_classes_loaded_classes gauge",
                        "# TYPE system_cpu_count gauge",
                        "# TYPE process_uptime_seconds gauge");
    }

    /** The server binds them once it listens and a scrape binds them if it comes first: never twice. */
    @Test
    void jvmMetrics_areBoundOnce_howeverOftenAsked() {
        // Bound twice, a second GC listener would count every collection twice.
        assertThat(prometheus.metrics.bindJvmMetrics()).isTrue();
        assertThat(prometheus.metrics.scrape()).contains("# TYPE jvm_memory_used_bytes gauge");
        assertThat(prometheus.metrics.bindJvmMetrics()).isFalse();
    }

    @Test
    void aScrapeFirst_bindsThem_andTheServerFindsThemBound() {
        assertThat(prometheus.metrics.scrape()).contains("# TYPE jvm_gc_memory_allocated_bytes_total counter");
        assertThat(prometheus.metrics.bindJvmMetrics()).isFalse();
    }

    @Test
    void afterClose_nothingIsBound() {
        prometheus.metrics.close();
        assertThat(prometheus.metrics.bindJvmMetrics()).isFalse();
    }

    @Test
    void contentType_isPrometheusTextFormat004() {
        assertThat(prometheus.metrics.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    }

    @Test
    void gauge_readsItsSupplierAtEveryScrape() {
        AtomicInteger depth = new AtomicInteger(3);
        prometheus.metrics.gauge("websocket.dispatch.queue.depth", "Events waiting for dispatch", depth::get);
        assertThat(prometheus.scrape().value("websocket_dispatch_queue_depth")).isEqualTo(3.0);
        depth.set(7);
        assertThat(prometheus.scrape().value("websocket_dispatch_queue_depth")).isEqualTo(7.0);
        assertThat(prometheus.scrape().typeLines()).contains("# TYPE websocket_dispatch_queue_depth gauge");
    }

    @Test
    void gauge_rejectsANameAlreadyScraped() {
        prometheus.metrics.gauge("websocket.dispatch.queue.depth", "Events waiting for dispatch", () -> 0);
        assertThatThrownBy(() -> prometheus.metrics.gauge("websocket_dispatch_queue_depth", "again", () -> 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("websocket_dispatch_queue_depth");
        assertThatThrownBy(() -> prometheus.metrics.gauge("websocket_connections_total", "clash", () -> 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoInstances_shareNoMeters() {
        try (PrometheusMetrics other = new PrometheusMetrics()) {
            other.streamMetrics().sessionOpened("ws");
            assertThat(new Scrape(other.scrape()).value("websocket_connections_total{transport=\"ws\"}"))
                    .isEqualTo(1.0);
            assertThat(prometheus.scrape().value("websocket_connections_total{transport=\"ws\"}"))
                    .isEqualTo(0.0);
        }
    }
}
