package io.incidentstream.application.port.out;

/**
 * What the alert intake counts, per sender ({@code alertmanager}, {@code grafana}): only what was
 * published, so a refused notification counts nothing.
 */
public interface AlertMetrics {

    void received(String source, int alerts);

    void incidentsOpened(String source, int incidents);

    void incidentsResolved(String source, int incidents);

    void deduplicated(String source, int alerts);

    /** Counts that go nowhere, for tests and embedding without a registry. */
    AlertMetrics NONE = new AlertMetrics() {
        @Override
        public void received(String source, int alerts) {}

        @Override
        public void incidentsOpened(String source, int incidents) {}

        @Override
        public void incidentsResolved(String source, int incidents) {}

        @Override
        public void deduplicated(String source, int alerts) {}
    };
}
