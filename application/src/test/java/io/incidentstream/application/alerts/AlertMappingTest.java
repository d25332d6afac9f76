package io.incidentstream.application.alerts;

import static io.incidentstream.application.alerts.Notifications.firing;
import static io.incidentstream.application.alerts.Notifications.labels;
import static io.incidentstream.application.alerts.Notifications.withLabels;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.port.in.AlertNotification;
import io.incidentstream.application.port.in.AlertNotification.Source;
import io.incidentstream.domain.model.Alert;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentType;
import io.incidentstream.domain.model.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fields of alerts and incidents made from a notified alert, as the protocol's section 11 says. */
class AlertMappingTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final UUID ID = new UUID(0, 42);

    private final AlertMapping mapping = new AlertMapping(SeverityMap.DEFAULT);

    @Test
    void alert_takesFingerprintSummaryDescriptionRunbookStartsAtAndLabels() {
        Alert alert = mapping.alert(Source.GRAFANA, firing("fp1"), ID, NOW, null, false);

        assertThat(alert.externalId()).isEqualTo("fp1");
        assertThat(alert.source()).isEqualTo("grafana");
        assertThat(alert.title()).isEqualTo("Checkout p99 above 2 s");
        assertThat(alert.description()).isEqualTo("p99 latency is 3.1 s");
        assertThat(alert.runbookUrl()).isEqualTo("https://runbooks.example.com/checkout-latency");
        assertThat(alert.timestamp()).isEqualTo(Notifications.STARTS);
        assertThat(alert.receivedAt()).isEqualTo(NOW);
        assertThat(alert.severity()).isEqualTo(Severity.P1);
        assertThat(alert.alertType()).isEqualTo(IncidentType.UNKNOWN);
        assertThat(alert.labels()).containsEntry("alertname", "HighLatency").containsEntry("service", "checkout");
        assertThat(alert.annotations()).containsKey("summary");
        assertThat(alert.affectedServices()).containsExactly("checkout", "checkout-api", "10.0.0.7:8080");
    }

    @Test
    void title_isTheSummary_elseTheAlertname_elseTheFingerprint() {
        assertThat(AlertMapping.title(withLabels(firing("f"), labels("alertname", "DiskFull"), Map.of())))
                .isEqualTo("DiskFull");
        assertThat(AlertMapping.title(withLabels(firing("f"), labels("job", "node"), labels("summary", " "))))
                .isEqualTo("alert f");
    }

    @Test
    void affectedResources_areTheValuesOfServiceJobInstanceNamespacePod_inThatOrder_eachOnce() {
        AlertNotification.Alert alert = withLabels(
                firing("f"),
                labels(
                        "pod",
                        "api-7d9f",
                        "namespace",
                        "prod",
                        "instance",
                        "10.1.2.3:9100",
                        "job",
                        "api",
                        "service",
                        "api",
                        "team",
                        "blue"),
                Map.of());

        assertThat(AlertMapping.resources(alert)).containsExactly("api", "10.1.2.3:9100", "prod", "api-7d9f");
    }

    @Test
    void incident_carriesTheFingerprint_resources_labels_andTheLinksInDescriptionAndTimeline() {
        Incident incident = mapping.incident(Source.ALERTMANAGER, firing("fp1"), ID, "fp1", NOW);

        assertThat(incident.id()).isEqualTo(ID);
        assertThat(incident.fingerprint()).isEqualTo("fp1");
        assertThat(incident.title()).isEqualTo("Checkout p99 above 2 s");
        assertThat(incident.severity()).isEqualTo(Severity.P1);
        assertThat(incident.affectedResources()).containsExactly("checkout", "checkout-api", "10.0.0.7:8080");
        assertThat(incident.labels()).containsEntry("severity", "critical");
        assertThat(incident.description())
                .isEqualTo("p99 latency is 3.1 s\n\n"
                        + "Runbook: https://runbooks.example.com/checkout-latency\n\n"
                        + "Source: http://prometheus:9090/graph?g0.expr=latency");
        assertThat(incident.timeline()).hasSize(1);
        assertThat(incident.timeline().get(0).timestamp()).isEqualTo(Notifications.STARTS);
        assertThat(incident.timeline().get(0).metadata())
                .containsEntry("generator_url", "http://prometheus:9090/graph?g0.expr=latency")
                .containsEntry("runbook_url", "https://runbooks.example.com/checkout-latency")
                .containsEntry("fingerprint", "fp1");
    }

    @ParameterizedTest(name = "severity label {0} gives {1}")
    @CsvSource(
            nullValues = "none",
            value = {
                "P0, P0",
                "P2, P2",
                "critical, P1",
                "Critical, P1",
                "error, P2",
                "warning, P3",
                "info, P4",
                "page, P3",
                "none, P3"
            })
    void severity_P0ToP4AsGiven_otherValuesThroughTheMap_elseP3(String label, Severity expected) {
        AlertNotification.Alert alert = withLabels(
                firing("f"),
                label == null ? labels("alertname", "A") : labels("alertname", "A", "severity", label),
                Map.of());

        assertThat(mapping.severity(alert)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "incident_type label {0} gives {1}")
    @CsvSource({"Security, SECURITY", "Availability, AVAILABILITY", "security, UNKNOWN", "network, UNKNOWN"})
    void type_fromAValidIncidentTypeLabel_elseUnknown(String label, IncidentType expected) {
        AlertNotification.Alert alert =
                withLabels(firing("f"), labels("alertname", "A", "incident_type", label), Map.of());

        assertThat(mapping.alert(Source.ALERTMANAGER, alert, ID, NOW, null, false)
                        .alertType())
                .isEqualTo(expected);
        assertThat(mapping.incident(Source.ALERTMANAGER, alert, ID, "f", NOW).incidentType())
                .isEqualTo(expected);
    }

    @Test
    void aVeryLongSummary_isCutToTheTitleLimit() {
        AlertNotification.Alert alert =
                withLabels(firing("f"), labels("alertname", "A"), labels("summary", "s".repeat(600)));

        assertThat(AlertMapping.title(alert)
                        .codePointCount(0, AlertMapping.title(alert).length()))
                .isEqualTo(Incident.MAX_TITLE_LENGTH);
    }
}
