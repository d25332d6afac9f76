package io.incidentstream.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentstream.application.alerts.AlertIntakeSettings.IncidentPer;
import io.incidentstream.application.alerts.SeverityMap;
import io.incidentstream.domain.model.Severity;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alert intake's settings: documented defaults, and start-up stopped by a bad value naming its key. */
class AlertSettingsTest {

    @Test
    void defaults_areThoseDocumented() {
        ServerConfig config = ConfigLoader.load(new String[0], Map.of());

        assertThat(config.alerts().severityMap())
                .isEqualTo(new SeverityMap(Map.of(
                        "critical", Severity.P1, "error", Severity.P2, "warning", Severity.P3, "info", Severity.P4)));
        assertThat(config.alerts().incidentPer()).isEqualTo(IncidentPer.ALERT);
        assertThat(config.alerts().maxPerNotification()).isEqualTo(1000);
        assertThat(config.alerts().episodeRetention()).isEqualTo(Duration.ofSeconds(604_800));
        assertThat(config.alerts().maxEpisodes()).isEqualTo(100_000);
    }

    @Test
    void validValues_areTaken_incidentPerInAnyCase() {
        ServerConfig config = ConfigLoader.load(
                new String[] {"--alert-incident-per", "Group", "--alert-severity-map", "page=P0, ticket=P4"}, Map.of());

        assertThat(config.alerts().incidentPer()).isEqualTo(IncidentPer.GROUP);
        assertThat(config.alerts().severityMap())
                .isEqualTo(new SeverityMap(Map.of("page", Severity.P0, "ticket", Severity.P4)));
    }

    @Test
    void badSeverityMap_stopsStartUp_namingTheKeyAndTheEntry() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        new String[0], Map.of("INCIDENT_STREAM_ALERT_SEVERITY_MAP", "critical=P1,warning=high")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("alert_severity_map")
                .hasMessageContaining("INCIDENT_STREAM_ALERT_SEVERITY_MAP")
                .hasMessageContaining("'warning=high'");
        assertThatThrownBy(() ->
                        ConfigLoader.load(new String[] {"--alert-severity-map", "critical=P1,CRITICAL=P0"}, Map.of()))
                .hasMessageContaining("alert_severity_map")
                .hasMessageContaining("mapped twice");
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
