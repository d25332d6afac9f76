package io.incidentstream.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration precedence (defaults < file < environment < flags) and validation naming the bad key. */
class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaults_areThoseDocumented() {
        ServerConfig config = ConfigLoader.load(new String[0], Map.of());
        assertThat(config.listening().port()).isEqualTo(8080);
        assertThat(config.queues().maxPendingMessages()).isEqualTo(1000);
        assertThat(config.sessions().heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.sessions().sessionTimeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.queues().broadcastCapacity()).isEqualTo(10_000);
        assertThat(config.listening().compression()).isTrue();
    }

    @Test
    void fileThenEnvironmentThenFlags_eachOverridesTheLast() throws Exception {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "# a comment\nport = 9000\nmax_pending_messages = 50\nbroadcast_capacity=7\n");
        ServerConfig config = ConfigLoader.load(
                new String[] {"--config", file.toString(), "--port", "9002"},
                Map.of("INCIDENT_STREAM_PORT", "9001", "INCIDENT_STREAM_MAX_PENDING_MESSAGES", "60"));
        assertThat(config.listening().port()).isEqualTo(9002);
        assertThat(config.queues().maxPendingMessages()).isEqualTo(60);
        assertThat(config.queues().broadcastCapacity()).isEqualTo(7);
    }

    @Test
    void flags_acceptEqualsAndDashes() {
        ServerConfig config =
                ConfigLoader.load(new String[] {"--max-pending-messages=5", "--enable-compression", "false"}, Map.of());
        assertThat(config.queues().maxPendingMessages()).isEqualTo(5);
        assertThat(config.listening().compression()).isFalse();
    }

    @Test
    void badValue_namesTheKeyAndWhereItCameFrom() {
        assertThatThrownBy(() -> ConfigLoader.load(new String[0], Map.of("INCIDENT_STREAM_PORT", "eighty")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("port")
                .hasMessageContaining("INCIDENT_STREAM_PORT")
                .hasMessageContaining("expected a whole number from 0 to 65535");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--max-pending-messages", "0"}, Map.of()))
                .hasMessageContaining("max_pending_messages")
                .hasMessageContaining("flag --max-pending-messages");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--enable-compression", "yes"}, Map.of()))
                .hasMessageContaining("enable_compression")
                .hasMessageContaining("expected true or false");
    }

    @Test
    void unknownKey_isRefused_soTyposDoNotPassSilently() throws Exception {
        Path file = dir.resolve("typo.properties");
        Files.writeString(file, "max_pending_mesages = 5\n");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--config", file.toString()}, Map.of()))
                .hasMessageContaining("unknown setting 'max_pending_mesages'")
                .hasMessageContaining("file");
        assertThatThrownBy(() -> ConfigLoader.load(new String[0], Map.of("INCIDENT_STREAM_PROT", "1")))
                .hasMessageContaining("unknown setting 'prot'");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--prot", "1"}, Map.of()))
                .hasMessageContaining("unknown setting 'prot'");
    }

    @Test
    void missingFile_andMalformedFlags_areExplained() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        new String[] {"--config", dir.resolve("nope").toString()}, Map.of()))
                .hasMessageContaining("cannot read config file");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"8080"}, Map.of()))
                .hasMessageContaining("unexpected argument '8080'");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--port"}, Map.of()))
                .hasMessageContaining("needs a value");
    }

    @Test
    void badTrustedProxies_areRefusedNamingTheKey() {
        for (String bad : new String[] {"999.1.1.1", "10.0.0.0/99", "10.0.0.0/x", "proxy.example.com"}) {
            assertThatThrownBy(
                            () -> ConfigLoader.load(new String[] {"--trusted-proxies", "127.0.0.1," + bad}, Map.of()))
                    .as(bad)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("trusted_proxies");
        }
        assertThat(ConfigLoader.load(new String[] {"--trusted-proxies", "10.0.0.0/8, ::1"}, Map.of())
                        .listening()
                        .trustedProxies())
                .containsExactly("10.0.0.0/8", "::1");
    }

    @Test
    void allowedOrigins_areWrittenAsBrowsersSendThem_soThatTheyCanMatch() {
        // A browser sends "https://ops.example.com" for a page at HTTPS://Ops.Example.com:443/.
        assertThat(ConfigLoader.load(
                                new String[] {
                                    "--allowed-origins",
                                    "HTTPS://Ops.Example.com:443, http://board.example.com:80, https://[::1]:8443,"
                                            + " http://localhost:8080"
                                },
                                Map.of())
                        .listening()
                        .allowedOrigins())
                .containsExactly(
                        "https://ops.example.com",
                        "http://board.example.com",
                        "https://[::1]:8443",
                        "http://localhost:8080");
        assertThatThrownBy(() -> ConfigLoader.load(
                        new String[] {"--allowed-origins", "https://ops.example.com/board"}, Map.of()))
                .hasMessageContaining("allowed_origins")
                .hasMessageContaining("expected origins like https://ops.example.com");
    }

    @Test
    void aListOfOnlyCommas_isRefused_ratherThanReadAsEmpty() {
        // api_keys="," would otherwise leave publishing open while looking configured.
        for (String key : new String[] {"api_keys", "api_key_hashes", "allowed_origins", "trusted_proxies"}) {
            assertThatThrownBy(() -> ConfigLoader.load(
                            new String[0], Map.of("INCIDENT_STREAM_" + key.toUpperCase(java.util.Locale.ROOT), " , ,")))
                    .as(key)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining(key)
                    .hasMessageContaining("expected comma-separated values, got only commas");
        }
        assertThat(ConfigLoader.load(new String[] {"--trusted-proxies", "10.0.0.1,"}, Map.of())
                        .listening()
                        .trustedProxies())
                .containsExactly("10.0.0.1");
        assertThat(ConfigLoader.load(new String[] {"--trusted-proxies", "  "}, Map.of())
                        .listening()
                        .trustedProxies())
                .isEmpty();
    }

    @Test
    void everySetting_hasADefaultThatValidates() {
        for (Setting setting : Settings.ALL) {
            assertThat(setting.parser().apply(setting.defaultValue()))
                    .as(setting.key())
                    .isNotNull();
            assertThat(setting.description()).as(setting.key()).isNotBlank();
        }
    }
}
