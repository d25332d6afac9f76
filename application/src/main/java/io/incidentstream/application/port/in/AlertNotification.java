package io.incidentstream.application.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One webhook notification: a group of alerts as Alertmanager (or Grafana, which sends the same
 * shape) routed them, already checked by the adapter that decoded it.
 *
 * @param groupKey the group's identity in Alertmanager; empty when the sender gave none
 * @param status   {@code resolved} only when every alert of the group has resolved
 */
public record AlertNotification(Source source, String groupKey, Status status, List<Alert> alerts) {

    public AlertNotification {
        Objects.requireNonNull(source, "source");
        groupKey = groupKey == null ? "" : groupKey;
        Objects.requireNonNull(status, "status");
        alerts = List.copyOf(alerts);
    }

    /** Who sent the notification; its wire name becomes the alerts' and incidents' {@code source}. */
    public enum Source {
        ALERTMANAGER("alertmanager"),
        GRAFANA("grafana");

        private final String wire;

        Source(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** Firing or resolved, for a whole notification or one alert. */
    public enum Status {
        FIRING,
        RESOLVED
    }

    /**
     * One alert of the notification.
     *
     * @param endsAt       when the alert ended, or null when the sender left it unset (Go's zero time)
     * @param generatorUrl the link back to the rule or graph that produced it; empty when none
     * @param fingerprint  the sender's hash of the labels: the same alert keeps it when it fires again
     */
    public record Alert(
            Status status,
            Map<String, String> labels,
            Map<String, String> annotations,
            Instant startsAt,
            Instant endsAt,
            String generatorUrl,
            String fingerprint) {

        public Alert {
            Objects.requireNonNull(status, "status");
            labels = Map.copyOf(labels);
            annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
            Objects.requireNonNull(startsAt, "startsAt");
            generatorUrl = generatorUrl == null ? "" : generatorUrl;
            if (fingerprint == null || fingerprint.isEmpty()) {
                throw new IllegalArgumentException("fingerprint is required");
            }
        }
    }
}
