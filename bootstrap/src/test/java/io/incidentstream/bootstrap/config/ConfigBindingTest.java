package io.incidentstream.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed configuration: every key of the table bound once, in the unit its name says. */
class ConfigBindingTest {

    @Test
    void everyKeyOfTheTable_isBoundExactlyOnce() {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        Settings.ALL.forEach(setting -> {
            values.put(setting.key(), setting.parser().apply(setting.defaultValue()));
            sources.put(setting.key(), "default");
        });
        ConfigBinding binding = new ConfigBinding(values, sources);

        binding.bind();

        assertThat(binding.keysRead())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(Settings.byKey().keySet());
    }

    @Test
    void durations_areBoundInTheUnitOfTheirKey() {
        ServerConfig config = ConfigLoader.load(new String[0], Map.of());

        assertThat(config.access().jwtClockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.queues().writeTimeout()).isEqualTo(Duration.ofMillis(15_000));
        assertThat(config.sessions().cleanupInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.history().ttl()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(config.history().closedIncidentRetention()).isEqualTo(Duration.ofSeconds(86_400));
        assertThat(config.shutdown().timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.shutdown().reconnectWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.cluster().redisTimeout()).isEqualTo(Duration.ofMillis(2000));
        assertThat(config.cluster().redisConnectWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.sseAndHttp2().sseRetry()).isEqualTo(Duration.ofMillis(3000));
    }

    @Test
    void logLevel_isBoundOnlyWhenGiven_evenIfToItsDefault() {
        assertThat(ConfigLoader.load(new String[0], Map.of()).logging().level()).isEmpty();
        assertThat(ConfigLoader.load(new String[] {"--log-level", "info"}, Map.of())
                        .logging()
                        .level())
                .contains("info");
        assertThat(ConfigLoader.load(new String[] {"--log-level", "DEBUG", "--log-format", "json"}, Map.of())
                        .logging())
                .isEqualTo(new LogConfig(LogConfig.Format.JSON, java.util.Optional.of("debug")));
    }

    @Test
    void secrets_neverShowInTheTypedGroups() {
        ServerConfig config = ConfigLoader.load(
                new String[0],
                Map.of(
                        "INCIDENT_STREAM_API_KEYS", "publisher-key-0123456789",
                        "INCIDENT_STREAM_JWT_HS256_SECRET", "a-shared-secret-of-32-bytes-or-more"));

        assertThat(config.access().apiKeys()).extracting(Secret::value).containsExactly("publisher-key-0123456789");
        assertThat(config.access().jwtHs256Secret().value()).isEqualTo("a-shared-secret-of-32-bytes-or-more");
        assertThat(config.access().toString())
                .doesNotContain("publisher-key")
                .doesNotContain("shared-secret")
                .contains("(hidden)");
    }
}
