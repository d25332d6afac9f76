package io.incidentstream.adapters.metrics;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A registry of its own for each test, on an instance field with {@code @RegisterExtension}, read
 * back through a real scrape, and closed after the test (it listens for GC notifications until then).
 */
final class ScrapedPrometheus implements AfterEachCallback {

    final PrometheusMetrics metrics = new PrometheusMetrics();

    /** What Prometheus would scrape now. */
    Scrape scrape() {
        return new Scrape(metrics.scrape());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        metrics.close();
    }
}
