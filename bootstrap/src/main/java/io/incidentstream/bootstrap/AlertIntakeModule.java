package io.incidentstream.bootstrap;

import dagger.Module;
import dagger.Provides;
import io.incidentstream.adapters.redis.RedisStreamEngine;
import io.incidentstream.application.alerts.AlertIntakeService;
import io.incidentstream.application.alerts.AlertIntakeSettings;
import io.incidentstream.application.alerts.InMemoryAlertEpisodes;
import io.incidentstream.application.port.in.AlertIntakeUseCase;
import io.incidentstream.application.port.in.IncidentQuery;
import io.incidentstream.application.port.in.PublishUseCase;
import io.incidentstream.application.port.out.AlertEpisodes;
import io.incidentstream.application.port.out.AlertMetrics;
import io.incidentstream.application.port.out.EventSizes;
import io.incidentstream.application.port.out.IdGenerator;
import io.incidentstream.bootstrap.config.ServerConfig;
import io.incidentstream.codec.json.DomainWriter;
import io.incidentstream.codec.json.Json;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The alert intake behind {@code POST /api/v1/integrations/alertmanager}, with its episode store. */
@Module
interface AlertIntakeModule {

    @Provides
    @Singleton
    static AlertIntakeSettings alertIntakeSettings(ServerConfig config) {
        return new AlertIntakeSettings(
                config.alerts().severityMap(),
                config.alerts().incidentPer(),
                config.alerts().maxPerNotification(),
                config.limits().maxEventBytes());
    }

    /**
     * With engine=redis the episodes live in the stream's Redis, shared by every node and kept
     * across restarts (bounded by their retention, the keys' TTL); otherwise in this node's memory.
     */
    @Provides
    @Singleton
    static AlertEpisodes alertEpisodes(ServerConfig config, StreamEngineChoice engine) {
        if (engine.engine() instanceof RedisStreamEngine redis) {
            return redis.alertEpisodes(config.alerts().episodeRetention());
        }
        return new InMemoryAlertEpisodes(
                config.alerts().episodeRetention(), config.alerts().maxEpisodes());
    }

    /** Measured as the ingest endpoints measure against max_event_bytes: the event's JSON. */
    @Provides
    static EventSizes eventSizes() {
        return event -> Json.write(out -> DomainWriter.event(out, event)).length;
    }

    @Provides
    @Singleton
    static AlertIntakeUseCase alertIntake(
            PublishUseCase publisher,
            IncidentQuery incidents,
            AlertEpisodes episodes,
            AlertMetrics metrics,
            EventSizes sizes,
            AlertIntakeSettings settings,
            Clock clock,
            IdGenerator ids) {
        return new AlertIntakeService(publisher, incidents, episodes, metrics, sizes, settings, clock, ids);
    }
}
