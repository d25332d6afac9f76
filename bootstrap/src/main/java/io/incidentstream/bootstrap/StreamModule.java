package io.incidentstream.bootstrap;

import dagger.Module;
import dagger.Provides;
import io.incidentstream.adapters.metrics.PrometheusMetrics;
import io.incidentstream.adapters.redis.RedisEngineSettings;
import io.incidentstream.adapters.redis.RedisPresenceStore;
import io.incidentstream.application.IncidentStream;
import io.incidentstream.application.port.in.IncidentQuery;
import io.incidentstream.application.port.in.LifecycleUseCase;
import io.incidentstream.application.port.in.PresenceQuery;
import io.incidentstream.application.port.in.PublishUseCase;
import io.incidentstream.application.port.in.SessionUseCase;
import io.incidentstream.application.port.in.StatisticsQuery;
import io.incidentstream.application.port.out.EventEncoder;
import io.incidentstream.application.port.out.IdGenerator;
import io.incidentstream.application.port.out.PresenceStore;
import io.incidentstream.application.port.out.StreamMetrics;
import io.incidentstream.application.presence.InMemoryPresenceStore;
import io.incidentstream.application.presence.PresenceSettings;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.bootstrap.config.ServerConfig;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** The stream core, on the engine {@link EngineModule} chose, and its use cases. */
@Module
interface StreamModule {

    @Provides
    @Singleton
    static StreamSettings streamSettings(ServerConfig config, @jakarta.inject.Named("node_id") String nodeId) {
        return new StreamSettings.Builder()
                .maxPendingMessages(config.queues().maxPendingMessages())
                .maxPendingBytes(config.queues().maxPendingBytes())
                .broadcastCapacity(config.queues().broadcastCapacity())
                .maxSubscriptionsPerSession(config.limits().maxSubscriptionsPerSession())
                .maxFilterValues(config.limits().maxFilterValues())
                .heartbeatInterval(config.sessions().heartbeatInterval())
                .sessionTimeout(config.sessions().sessionTimeout())
                .writeTimeout(config.queues().writeTimeout())
                .maxMessagesPerSecond(config.limits().maxMessagesPerSecond())
                .rateLimitCloseAfter(config.limits().rateLimitCloseAfterSeconds())
                .maxConnections(config.limits().maxConnections())
                .maxConnectionsPerAddress(config.limits().maxConnectionsPerAddress())
                .historyCapacity(config.history().capacity())
                .historyTtl(config.history().ttl())
                .maxIncidents(config.history().maxIncidents())
                .closedIncidentRetention(config.history().closedIncidentRetention())
                .snapshotPageSize(config.history().snapshotPageSize())
                .shutdownRetryWindow(config.shutdown().reconnectWindow())
                .version(Version.current())
                .nodeId(nodeId)
                .build();
    }

    @Provides
    @Singleton
    static IncidentStream incidentStream(
            StreamSettings settings,
            EventEncoder encoder,
            StreamMetrics metrics,
            Clock clock,
            IdGenerator ids,
            StreamEngineChoice engine,
            PresenceSettings presenceSettings,
            PresenceStore presenceStore) {
        return new IncidentStream(
                settings,
                encoder,
                metrics,
                clock,
                ids,
                engine.engine(),
                engine.shared(),
                IncidentStream.newWriterPool(),
                presenceSettings,
                presenceStore);
    }

    /**
     * In memory on one node; with engine=redis, shared through Redis, where a node's watchers live
     * one heartbeat interval after its last tick (so a dead node's are gone within two).
     */
    @Provides
    @Singleton
    static PresenceStore presenceStore(
            ServerConfig config,
            StreamEngineChoice engine,
            StreamSettings settings,
            @jakarta.inject.Named("node_id") String nodeId,
            PrometheusMetrics metrics) {
        if (!engine.shared()) {
            return new InMemoryPresenceStore();
        }
        RedisEngineSettings redis = new RedisEngineSettings(
                config.cluster().redisUrl(),
                config.cluster().redisKeyPrefix(),
                RedisEngineSettings.streamLengthFor(settings.historyCapacity(), settings.broadcastCapacity()),
                settings.historyTtl(),
                settings.maxIncidents(),
                settings.closedIncidentRetention(),
                config.cluster().redisTimeout());
        return new RedisPresenceStore(
                redis, nodeId, settings.heartbeatInterval(), Duration.ofSeconds(1), metrics.engineMetrics());
    }

    @Provides
    static PresenceSettings presenceSettings(ServerConfig config) {
        return PresenceSettings.defaults()
                .withMaxWatchesPerSession(config.presence().maxWatchesPerSession());
    }

    @Provides
    static IdGenerator ids() {
        return IdGenerator.random();
    }

    @Provides
    static PublishUseCase publisher(IncidentStream stream) {
        return stream.publisher();
    }

    @Provides
    static SessionUseCase sessions(IncidentStream stream) {
        return stream.sessions();
    }

    @Provides
    static LifecycleUseCase lifecycle(IncidentStream stream) {
        return stream.lifecycle();
    }

    @Provides
    static StatisticsQuery statistics(IncidentStream stream) {
        return stream.statistics();
    }

    @Provides
    static IncidentQuery incidents(IncidentStream stream) {
        return stream.incidents();
    }

    @Provides
    static PresenceQuery presence(IncidentStream stream) {
        return stream.presence();
    }
}
