package io.incidentstream.bootstrap.config;

import java.util.List;
import java.util.Map;

/**
 * The validated configuration, typed: one record per group of {@link Settings}, bound once by
 * {@link ConfigBinding}, so that a misspelt setting fails to compile. {@link #report} tells where
 * each value came from, for the start-up banner.
 */
public record ServerConfig(
        ListeningConfig listening,
        AccessConfig access,
        QueueConfig queues,
        SessionConfig sessions,
        LimitConfig limits,
        HistoryConfig history,
        ShutdownConfig shutdown,
        AlertConfig alerts,
        ClusterConfig cluster,
        SseAndHttp2Config sseAndHttp2,
        PresenceConfig presence,
        LogConfig logging,
        ConfigReport report) {

    /** The defaults, with the given keys overridden (for tests and embedding). */
    public static ServerConfig defaults(Map<String, String> overrides) {
        return ConfigLoader.load(new String[0], Map.of(), overrides);
    }

    /** See {@link ConfigReport#describeNonDefaults()}. */
    public List<String> describeNonDefaults() {
        return report.describeNonDefaults();
    }

    /** See {@link ConfigReport#describeSources()}. */
    public List<String> describeSources() {
        return report.describeSources();
    }

    /** Every value, except that passwords, secrets and raw API keys show only whether they are set. */
    @Override
    public String toString() {
        return report.toString();
    }
}
