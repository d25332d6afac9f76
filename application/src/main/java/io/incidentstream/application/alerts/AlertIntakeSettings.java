package io.incidentstream.application.alerts;

import java.util.Locale;
import java.util.Objects;

/**
 * Settings of the alert intake, already validated by configuration.
 *
 * @param maxAlertsPerNotification more alerts in one notification are refused whole (413)
 * @param maxEventBytes            the stream's {@code max_event_bytes}: no event made from an alert may be larger
 */
public record AlertIntakeSettings(
        SeverityMap severityMap, IncidentPer incidentPer, int maxAlertsPerNotification, int maxEventBytes) {

    public static final int DEFAULT_MAX_ALERTS_PER_NOTIFICATION = 1000;

    public AlertIntakeSettings {
        Objects.requireNonNull(severityMap, "severityMap");
        Objects.requireNonNull(incidentPer, "incidentPer");
        if (maxAlertsPerNotification < 1) {
            throw new IllegalArgumentException("max alerts per notification must be positive");
        }
        if (maxEventBytes < 1) {
            throw new IllegalArgumentException("max event bytes must be positive");
        }
    }

    public static AlertIntakeSettings defaults() {
        return new AlertIntakeSettings(
                SeverityMap.DEFAULT, IncidentPer.ALERT, DEFAULT_MAX_ALERTS_PER_NOTIFICATION, 256 * 1024);
    }

    public AlertIntakeSettings withIncidentPer(IncidentPer value) {
        return new AlertIntakeSettings(severityMap, value, maxAlertsPerNotification, maxEventBytes);
    }

    public AlertIntakeSettings withMaxEventBytes(int value) {
        return new AlertIntakeSettings(severityMap, incidentPer, maxAlertsPerNotification, value);
    }

    /** What one incident stands for (setting {@code alert_incident_per}). */
    public enum IncidentPer {
        /** One incident per alert episode: a fingerprint from the time it started firing. */
        ALERT,
        /** One incident per Alertmanager group while any of its alerts fires. */
        GROUP;

        /** {@code alert} or {@code group}; anything else throws {@link IllegalArgumentException}. */
        public static IncidentPer parse(String text) {
            String value = text.trim().toLowerCase(Locale.ROOT);
            return switch (value) {
                case "alert" -> ALERT;
                case "group" -> GROUP;
                default -> throw new IllegalArgumentException("expected alert or group, got '" + text.trim() + "'");
            };
        }
    }
}
