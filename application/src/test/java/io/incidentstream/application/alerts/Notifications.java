package io.incidentstream.application.alerts;

import io.incidentstream.application.port.in.AlertNotification;
import io.incidentstream.application.port.in.AlertNotification.Source;
import io.incidentstream.application.port.in.AlertNotification.Status;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders of notifications as Alertmanager sends them, with defaults a test overrides. */
final class Notifications {

    static final Instant STARTS = Instant.parse("2024-05-01T11:55:00Z");
    static final Instant ENDS = Instant.parse("2024-05-01T11:59:00Z");

    private Notifications() {}

    /** {@code HighLatency} on checkout, severity critical, with a summary, a description and a runbook. */
    static AlertNotification.Alert firing(String fingerprint) {
        return firing(fingerprint, STARTS);
    }

    static AlertNotification.Alert firing(String fingerprint, Instant startsAt) {
        return new AlertNotification.Alert(
                Status.FIRING,
                labels(
                        "alertname",
                        "HighLatency",
                        "severity",
                        "critical",
                        "service",
                        "checkout",
                        "job",
                        "checkout-api",
                        "instance",
                        "10.0.0.7:8080"),
                labels(
                        "summary",
                        "Checkout p99 above 2 s",
                        "description",
                        "p99 latency is 3.1 s",
                        "runbook_url",
                        "https://runbooks.example.com/checkout-latency"),
                startsAt,
                null,
                "http://prometheus:9090/graph?g0.expr=latency",
                fingerprint);
    }

    static AlertNotification.Alert resolved(String fingerprint) {
        return resolved(fingerprint, STARTS, ENDS);
    }

    static AlertNotification.Alert resolved(String fingerprint, Instant startsAt, Instant endsAt) {
        AlertNotification.Alert firing = firing(fingerprint, startsAt);
        return new AlertNotification.Alert(
                Status.RESOLVED,
                firing.labels(),
                firing.annotations(),
                startsAt,
                endsAt,
                firing.generatorUrl(),
                fingerprint);
    }

    static AlertNotification.Alert withLabels(
            AlertNotification.Alert alert, Map<String, String> labels, Map<String, String> annotations) {
        return new AlertNotification.Alert(
                alert.status(),
                labels,
                annotations,
                alert.startsAt(),
                alert.endsAt(),
                alert.generatorUrl(),
                alert.fingerprint());
    }

    static AlertNotification of(AlertNotification.Alert... alerts) {
        return group("{}:{alertname=\"HighLatency\"}", alerts);
    }

    /** A notification of group {@code groupKey}; firing unless every alert has resolved, as Alertmanager says. */
    static AlertNotification group(String groupKey, AlertNotification.Alert... alerts) {
        boolean allResolved = List.of(alerts).stream().allMatch(a -> a.status() == Status.RESOLVED);
        return new AlertNotification(
                Source.ALERTMANAGER, groupKey, allResolved ? Status.RESOLVED : Status.FIRING, List.of(alerts));
    }

    static Map<String, String> labels(String... keysAndValues) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            labels.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return labels;
    }
}
