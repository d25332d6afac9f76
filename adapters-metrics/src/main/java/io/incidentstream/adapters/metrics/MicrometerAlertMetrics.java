package io.incidentstream.adapters.metrics;

import io.incidentstream.application.port.out.AlertMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * The alert intake's counts as Micrometer counters tagged by {@code source}: scraped as
 * {@code alerts_received_total}, {@code incidents_opened_total}, {@code incidents_resolved_total}
 * and {@code alerts_deduplicated_total}.
 */
public final class MicrometerAlertMetrics implements AlertMetrics {

    /** Registered up front, so that every series is scraped as 0 before its first alert and rates work. */
    static final List<String> KNOWN_SOURCES = List.of("alertmanager", "grafana");

    private final MeterRegistry registry;

    public MicrometerAlertMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String source : KNOWN_SOURCES) {
            received(source, 0);
            incidentsOpened(source, 0);
            incidentsResolved(source, 0);
            deduplicated(source, 0);
        }
    }

    @Override
    public void received(String source, int alerts) {
        count("alerts.received", "Alerts taken in from monitoring webhooks", source, alerts);
    }

    @Override
    public void incidentsOpened(String source, int incidents) {
        count("incidents.opened", "Incidents opened by the alert intake", source, incidents);
    }

    @Override
    public void incidentsResolved(String source, int incidents) {
        count("incidents.resolved", "Incidents resolved by the alert intake", source, incidents);
    }

    @Override
    public void deduplicated(String source, int alerts) {
        count(
                "alerts.deduplicated",
                "Alerts published as deduplicated: repeats of an open or resolved episode",
                source,
                alerts);
    }

    // A registry lookup per call: webhooks come a few times a minute, so this is not a hot path.
    private void count(String name, String description, String source, int amount) {
        Counter counter = Counter.builder(name)
                .description(description)
                .tag("source", source)
                .register(registry);
        if (amount > 0) {
            counter.increment(amount);
        }
    }
}
