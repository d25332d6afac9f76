package io.incidentstream.bootstrap;

import dagger.Module;
import dagger.Provides;
import io.incidentstream.adapters.metrics.PrometheusMetrics;
import io.incidentstream.adapters.redis.RedisEngineSettings;
import io.incidentstream.adapters.redis.RedisStreamEngine;
import io.incidentstream.application.IncidentStream;
import io.incidentstream.application.port.out.IdGenerator;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.bootstrap.config.ServerConfig;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/** The stream engine, chosen by configuration: in memory (one node), or Redis (a cluster). */
@Module
interface EngineModule {

    @Provides
    @Singleton
    static StreamEngineChoice engine(
            ServerConfig config,
            StreamSettings settings,
            PrometheusMetrics metrics,
            Clock clock,
            IdGenerator ids,
            @Named("node_id") String nodeId) {
        if (!config.cluster().shared()) {
            return new StreamEngineChoice(IncidentStream.inMemoryEngine(settings, clock, ids), false);
        }
        // Every log line of a cluster node names it, from before its first Redis connection on.
        LogSetup.nodeId(nodeId);
        RedisEngineSettings redis = new RedisEngineSettings(
                config.cluster().redisUrl(),
                config.cluster().redisKeyPrefix(),
                RedisEngineSettings.streamLengthFor(settings.historyCapacity(), settings.broadcastCapacity()),
                settings.historyTtl(),
                settings.maxIncidents(),
                settings.closedIncidentRetention(),
                config.cluster().redisTimeout(),
                config.cluster().redisConnectWait());
        return new StreamEngineChoice(new RedisStreamEngine(redis, metrics.engineMetrics(), clock), true);
    }

    /** The configured node_id, or the host name with a random suffix (two nodes on one host differ). */
    @Provides
    @Singleton
    @Named("node_id")
    static String nodeId(ServerConfig config) {
        String configured = config.cluster().nodeId();
        if (!configured.isEmpty()) {
            return configured;
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "node";
        }
        return host + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }
}
