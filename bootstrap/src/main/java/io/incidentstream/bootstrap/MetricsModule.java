package io.incidentstream.bootstrap;

import dagger.Module;
import dagger.Provides;
import io.incidentstream.adapters.metrics.PrometheusMetrics;
import io.incidentstream.application.port.out.AlertMetrics;
import io.incidentstream.application.port.out.StreamMetrics;
import jakarta.inject.Singleton;

/** Prometheus metrics behind the stream's metrics port. */
@Module
interface MetricsModule {

    @Provides
    @Singleton
    static PrometheusMetrics prometheus(
            io.incidentstream.bootstrap.config.ServerConfig config, @jakarta.inject.Named("node_id") String nodeId) {
        // One node alone needs no label; nodes of a cluster are told apart by it.
        return new PrometheusMetrics(config.cluster().shared() ? nodeId : null);
    }

    @Provides
    static StreamMetrics streamMetrics(PrometheusMetrics prometheus) {
        return prometheus.streamMetrics();
    }

    @Provides
    static AlertMetrics alertMetrics(PrometheusMetrics prometheus) {
        return prometheus.alertMetrics();
    }
}
