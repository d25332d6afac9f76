package io.incidentstream.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.bootstrap.AlertmanagerProcess;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real Alertmanager whose receiver has two webhooks, one per node of a cluster (as a receiver
 * configured for HA delivery has): every notification reaches both nodes at about the same time,
 * and a subscriber sees one incident opened and resolved once.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AlertmanagerToTwoNodesTest {

    private static final String API_KEY = "am-cluster-key-81d3e5a0c7";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    final ClusterNodes cluster =
            new ClusterNodes(2).with(Map.of("api_keys", API_KEY)).redisKeepingItsData();

    @Test
    void oneAlertmanagerNotifyingBothNodes_opensOneIncident_andResolvesItOnce() throws Exception {
        Instant startsAt = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        try (TestClient subscriber = cluster.connect(1);
                AlertmanagerProcess alertmanager =
                        AlertmanagerProcess.start(List.of(webhook(0), webhook(1)), API_KEY)) {
            subscriber.next("welcome");
            subscriber.send("{\"type\":\"subscribe\",\"subscription_id\":\"alerts\","
                    + "\"filters\":{\"sources\":[\"alertmanager\"]}}");
            subscriber.next("subscribed");

            alertmanager.postAlerts(paymentsDown(startsAt, null));
            AlertmanagerDeliveries.await(alertmanager, 2, WAIT);
            alertmanager.postAlerts(paymentsDown(startsAt, Instant.now().minusSeconds(1)));
            AlertmanagerDeliveries.await(alertmanager, 4, WAIT);

            List<JsonNode> events = new ArrayList<>();
            JsonNode resolved = null;
            while (resolved == null) {
                JsonNode event = awaitEvent(subscriber, alertmanager);
                events.add(event);
                if ("incident_resolved".equals(event.path("event_type").asText())) {
                    resolved = event;
                }
            }
            // Anything still to come arrives within moments of the resolve: nothing may follow it.
            for (JsonNode more = subscriber.poll(Duration.ofSeconds(1));
                    more != null;
                    more = subscriber.poll(Duration.ofSeconds(1))) {
                events.add(more.path("event"));
            }
            assertThat(types(events, "incident_created")).hasSize(1);
            assertThat(types(events, "incident_resolved")).hasSize(1);
            String incident = types(events, "incident_created")
                    .get(0)
                    .path("incident")
                    .path("id")
                    .asText();
            assertThat(resolved.path("incident").path("id").asText()).isEqualTo(incident);
            List<JsonNode> firing = types(events, "alert_received").stream()
                    .filter(event -> event.path("alert")
                            .path("labels")
                            .path("alertname")
                            .asText()
                            .equals("PaymentsDown"))
                    .toList();
            // Two firing alerts (one per node, one of them a duplicate) and the one resolve that
            // changed something; the repeated resolve publishes nothing.
            assertThat(firing).hasSize(3);
            assertThat(firing)
                    .allSatisfy(event -> assertThat(
                                    event.path("alert").path("incident_id").asText())
                            .isEqualTo(incident));
            assertThat(firing.stream()
                            .filter(event ->
                                    event.path("alert").path("deduplicated").asBoolean()))
                    .hasSize(1);
        }
    }

    private String webhook(int node) {
        return "http://127.0.0.1:" + cluster.node(node).port() + AlertIntakeAcrossNodesTest.WEBHOOK;
    }

    private static List<JsonNode> types(List<JsonNode> events, String type) {
        return events.stream()
                .filter(event -> type.equals(event.path("event_type").asText()))
                .toList();
    }

    /** One alert as Prometheus posts it; {@code endsAt} in the past resolves it, null leaves it firing. */
    private static String paymentsDown(Instant startsAt, Instant endsAt) {
        return "[{\"labels\":{\"alertname\":\"PaymentsDown\",\"severity\":\"critical\",\"service\":\"payments\"},"
                + "\"annotations\":{\"summary\":\"Payments are down\"},"
                + "\"startsAt\":\"" + startsAt + "\","
                + (endsAt == null ? "" : "\"endsAt\":\"" + endsAt + "\",")
                + "\"generatorURL\":\"http://prometheus.example.org:9090/graph\"}]";
    }

    private static JsonNode awaitEvent(TestClient client, AlertmanagerProcess alertmanager) throws Exception {
        JsonNode message = client.poll(WAIT);
        while (message != null && !"event".equals(message.path("type").asText())) {
            message = client.poll(WAIT);
        }
        if (message == null) {
            throw new AssertionError("no event within " + WAIT + "; Alertmanager's log:\n" + alertmanager.log());
        }
        return message.path("event");
    }
}
