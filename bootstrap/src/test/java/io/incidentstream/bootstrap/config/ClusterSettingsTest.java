package io.incidentstream.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cluster's settings: defaults that change nothing, refusals that name the key, no password shown. */
class ClusterSettingsTest {

    @Test
    void defaults_keepTheStreamInMemory() {
        ServerConfig config = ConfigLoader.load(new String[0], Map.of());

        assertThat(config.cluster().engine()).isEqualTo(ClusterConfig.Engine.MEMORY);
        assertThat(config.cluster().redisUrl()).isEqualTo("redis://127.0.0.1:6379/0");
        assertThat(config.cluster().redisKeyPrefix()).isEqualTo("incident-stream");
        assertThat(config.cluster().nodeId()).isEmpty();
    }

    @Test
    void anUnknownEngine_isRefused_namingTheKey() {
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--engine", "etcd"}, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("engine")
                .hasMessageContaining("expected memory or redis");
    }

    @Test
    void aUrlThatIsNotRedis_isRefused_withoutQuotingIt() {
        assertThatThrownBy(
                        () -> ConfigLoader.load(new String[] {"--redis-url", "http://:s3cret@cache:6379/0"}, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("redis_url")
                .hasMessageContaining("redis://")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--redis-url", "redis://cache:6379/zero"}, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("database number");
    }

    @Test
    void aKeyPrefixWithSpaces_isRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--redis-key-prefix", "my stream"}, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("redis_key_prefix");
    }

    @Test
    void tlsAndPasswordUrls_areAccepted_andThePasswordIsNeverShown() {
        ServerConfig config = ConfigLoader.load(
                new String[] {"--engine", "redis", "--redis-url", "rediss://:s3cret@cache.internal:6380/2"}, Map.of());

        assertThat(config.cluster().redisUrl()).isEqualTo("rediss://:s3cret@cache.internal:6380/2");
        assertThat(config.toString())
                .contains("rediss://(hidden)@cache.internal:6380/2")
                .doesNotContain("s3cret");
    }
}
