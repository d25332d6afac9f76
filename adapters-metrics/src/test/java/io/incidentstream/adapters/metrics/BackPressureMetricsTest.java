package io.incidentstream.adapters.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.port.out.StreamMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The meters an operator alerts on when clients fall behind, flood, or are refused; each moves when told. */
class BackPressureMetricsTest {

    @RegisterExtension
    final ScrapedPrometheus prometheus = new ScrapedPrometheus();

    private final StreamMetrics metrics = prometheus.metrics.streamMetrics();

    @Test
    void gapsIdleClosesRateLimitsAndAbuseCloses_areCounted() {
        metrics.gapSent();
        metrics.idleClosed();
        metrics.idleClosed();
        metrics.rateLimited();
        metrics.abuseClosed();
        Scrape scrape = prometheus.scrape();
        assertThat(scrape.value("websocket_gaps_total")).isEqualTo(1.0);
        assertThat(scrape.value("websocket_idle_closes_total")).isEqualTo(2.0);
        assertThat(scrape.value("websocket_rate_limited_messages_total")).isEqualTo(1.0);
        assertThat(scrape.value("websocket_rate_limit_closes_total")).isEqualTo(1.0);
    }

    @Test
    void refusedUpgradesAndPublishes_areCountedByReason() {
        metrics.upgradeRefused("server_full", "ws");
        metrics.upgradeRefused("server_full", "ws");
        metrics.upgradeRefused("address_full", "ws");
        metrics.upgradeRefused("server_full", "sse");
        metrics.publishRejected("overloaded");
        Scrape scrape = prometheus.scrape();
        assertThat(scrape.value("websocket_upgrades_refused_total{reason=\"server_full\",transport=\"ws\"}"))
                .isEqualTo(2.0);
        assertThat(scrape.value("websocket_upgrades_refused_total{reason=\"address_full\",transport=\"ws\"}"))
                .isEqualTo(1.0);
        assertThat(scrape.value("websocket_upgrades_refused_total{reason=\"server_full\",transport=\"sse\"}"))
                .isEqualTo(1.0);
        assertThat(scrape.value("websocket_publish_rejected_total{reason=\"overloaded\"}"))
                .isEqualTo(1.0);
    }

    @Test
    void queueDepth_isADistributionWithBucketsFromEmptyToOverflowing() {
        metrics.queueDepth(0);
        metrics.queueDepth(7);
        metrics.queueDepth(1000);
        Scrape scrape = prometheus.scrape();
        assertThat(scrape.value("websocket_queue_depth_events_count")).isEqualTo(3.0);
        assertThat(scrape.value("websocket_queue_depth_events_bucket{le=\"1.0\"}"))
                .isEqualTo(1.0);
        assertThat(scrape.value("websocket_queue_depth_events_bucket{le=\"10.0\"}"))
                .isEqualTo(2.0);
        assertThat(scrape.value("websocket_queue_depth_events_bucket{le=\"1000.0\"}"))
                .isEqualTo(3.0);
        assertThat(scrape.value("websocket_queue_depth_events_max")).isEqualTo(1000.0);
    }
}
