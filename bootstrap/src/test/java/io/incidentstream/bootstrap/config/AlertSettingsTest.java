package io.incidentstream.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alert intake's settings: documented defaults, and start-up stopped by a bad value naming its key. */
class AlertSettingsTest {

    @Test
    void defaults_areThoseDocumented() {
        ServerConfig config = ConfigLoader.load(new String[0], Map.of());

        assertThat(config.text("alert_severity_map")).isEqualTo("critical=P1,error=P2,warning=P3,info=P4");
        assertThat(config.text("alert_incident_per")).isEqualTo("alert");
        assertThat(config.integer("alert_max_per_notification")).isEqualTo(1000);
        assertThat(config.number("alert_episode_retention_secs")).isEqualTo(604_800);
        assertThat(config.integer("alert_max_episodes")).isEqualTo(100_000);
    }

    @Test
    void validValues_areTaken_incidentPerInAnyCase() {
        ServerConfig config = ConfigLoader.load(new String[] {"--alert-incident-per", "Group",
                "--alert-severity-map", "page=P0, ticket=P4"}, Map.of());

        assertThat(config.text("alert_incident_per")).isEqualTo("group");
        assertThat(config.text("alert_severity_map")).isEqualTo("page=P0, ticket=P4");
    }

    @Test
    void badSeverityMap_stopsStartUp_namingTheKeyAndTheEntry() {
        assertThatThrownBy(() -> ConfigLoader.load(new String[0],
                Map.of("INCIDENT_STREAM_ALERT_SEVERITY_MAP", "critical=P1,warning=high")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("alert_severity_map")
                .hasMessageContaining("INCIDENT_STREAM_ALERT_SEVERITY_MAP")
                .hasMessageContaining("'warning=high'");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--alert-severity-map", "critical=P1,CRITICAL=P0"},
                Map.of())).hasMessageContaining("alert_severity_map").hasMessageContaining("mapped twice");
    }

    @Test
    void badIncidentPer_stopsStartUp_sayingWhatIsAllowed() {
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--alert-incident-per", "service"}, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("alert_incident_per")
                .hasMessageContaining("expected alert or group, got 'service'");
    }

    @Test
    void outOfRangeBounds_stopStartUp() {
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--alert-max-per-notification", "0"}, Map.of()))
                .hasMessageContaining("alert_max_per_notification");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--alert-episode-retention-secs", "10"}, Map.of()))
                .hasMessageContaining("alert_episode_retention_secs");
    }
}
