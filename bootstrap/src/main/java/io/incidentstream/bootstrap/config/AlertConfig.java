package io.incidentstream.bootstrap.config;

import io.incidentstream.application.alerts.AlertIntakeSettings.IncidentPer;
import io.incidentstream.application.alerts.SeverityMap;
import java.time.Duration;

/**
 * Alert intake (settings group of that name).
 *
 * @param severityMap        {@code alert_severity_map}
 * @param incidentPer        {@code alert_incident_per}
 * @param maxPerNotification {@code alert_max_per_notification}
 * @param episodeRetention   {@code alert_episode_retention_secs}
 * @param maxEpisodes        {@code alert_max_episodes}
 */
public record AlertConfig(
        SeverityMap severityMap,
        IncidentPer incidentPer,
        int maxPerNotification,
        Duration episodeRetention,
        int maxEpisodes) {}
