package io.incidentstream.application.alerts;

import io.incidentstream.application.port.out.AlertMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts what the intake reports, as "what:source" → total. */
final class CountingAlertMetrics implements AlertMetrics {

    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    int count(String key) {
        return counts.getOrDefault(key, 0);
    }

    private void add(String key, int n) {
        counts.merge(key, n, Integer::sum);
    }

    @Override
    public void received(String source, int alerts) {
        add("received:" + source, alerts);
    }

    @Override
    public void incidentsOpened(String source, int incidents) {
        add("opened:" + source, incidents);
    }

    @Override
    public void incidentsResolved(String source, int incidents) {
        add("resolved:" + source, incidents);
    }

    @Override
    public void deduplicated(String source, int alerts) {
        add("deduplicated:" + source, alerts);
    }
}
