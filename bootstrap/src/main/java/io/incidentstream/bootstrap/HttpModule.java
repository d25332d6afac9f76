package io.incidentstream.bootstrap;

import dagger.Module;
import dagger.Provides;
import io.incidentstream.adapters.http.HttpApi;
import io.incidentstream.adapters.http.HttpSettings;
import io.incidentstream.adapters.http.MetricsSource;
import io.incidentstream.adapters.metrics.PrometheusMetrics;
import io.incidentstream.application.port.in.AlertIntakeUseCase;
import io.incidentstream.application.port.in.AuthenticationUseCase;
import io.incidentstream.application.port.in.IncidentQuery;
import io.incidentstream.application.port.in.LifecycleUseCase;
import io.incidentstream.application.port.in.PresenceQuery;
import io.incidentstream.application.port.in.PublishUseCase;
import io.incidentstream.application.port.in.StatisticsQuery;
import io.incidentstream.bootstrap.config.ServerConfig;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;

/** The HTTP API: ingest, read side, stats, health and the metrics scrape. */
@Module
interface HttpModule {

    @Provides
    static HttpSettings httpSettings(ServerConfig config) {
        return new HttpSettings(
                config.limits().maxEventBytes(),
                config.limits().maxRequestBytes(),
                HttpSettings.DEFAULT_RETRY_AFTER_SECONDS,
                Version.current(),
                config.access().protectReadEndpoints());
    }

    /** The HTTP adapter never sees the metrics adapter: it reads the scrape through its own small port. */
    @Provides
    static MetricsSource metricsSource(PrometheusMetrics prometheus) {
        return new MetricsSource() {
            @Override
            public String contentType() {
                return prometheus.contentType();
            }

            @Override
            public String scrape() {
                return prometheus.scrape();
            }
        };
    }

    @Provides
    @Singleton
    static HttpApi httpApi(
            HttpSettings settings,
            AuthenticationUseCase authentication,
            PublishUseCase publisher,
            IncidentQuery incidents,
            StatisticsQuery statistics,
            LifecycleUseCase lifecycle,
            MetricsSource metrics,
            AlertIntakeUseCase alerts,
            Clock clock,
            PresenceQuery presence) {
        return new HttpApi(
                        settings,
                        authentication,
                        publisher,
                        incidents,
                        statistics,
                        lifecycle,
                        metrics,
                        alerts,
                        clock,
                        UUID::randomUUID)
                .presence(presence);
    }
}
