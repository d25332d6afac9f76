package io.incidentstream.adapters.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.port.out.AlertMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The alert intake's counters, as Prometheus scrapes them. */
class MicrometerAlertMetricsTest {

    @RegisterExtension
    final ScrapedPrometheus prometheus = new ScrapedPrometheus();

    @Test
    void everyKnownSource_isScrapedAsZero_beforeItsFirstAlert() {
        Scrape scrape = prometheus.scrape();

        for (String source : MicrometerAlertMetrics.KNOWN_SOURCES) {
            assertThat(scrape.value("alerts_received_total{source=\"" + source + "\"}"))
                    .isZero();
            assertThat(scrape.value("incidents_opened_total{source=\"" + source + "\"}"))
                    .isZero();
            assertThat(scrape.value("incidents_resolved_total{source=\"" + source + "\"}"))
                    .isZero();
            assertThat(scrape.value("alerts_deduplicated_total{source=\"" + source + "\"}"))
                    .isZero();
        }
    }

    @Test
    void counts_addUp_perSource() {
        AlertMetrics metrics = prometheus.metrics.alertMetrics();

        metrics.received("alertmanager", 3);
        metrics.received("alertmanager", 2);
        metrics.incidentsOpened("alertmanager", 2);
        metrics.deduplicated("alertmanager", 3);
        metrics.incidentsResolved("grafana", 1);

        Scrape scrape = prometheus.scrape();
        assertThat(scrape.value("alerts_received_total{source=\"alertmanager\"}"))
                .isEqualTo(5);
        assertThat(scrape.value("incidents_opened_total{source=\"alertmanager\"}"))
                .isEqualTo(2);
        assertThat(scrape.value("alerts_deduplicated_total{source=\"alertmanager\"}"))
                .isEqualTo(3);
        assertThat(scrape.value("incidents_resolved_total{source=\"grafana\"}")).isEqualTo(1);
        assertThat(scrape.value("alerts_received_total{source=\"grafana\"}")).isZero();
    }
}
