package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.bootstrap.cluster.AlertmanagerDeliveries;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The assembled server behind API keys, fed by real Alertmanagers through their webhook receiver:
 * alerts posted to Alertmanager's own API reach a WebSocket subscriber as an incident, which
 * resolves when the alert does; two Alertmanagers sending the same alert, as HA replicas do, open
 * and resolve one incident between them.
 */
@Timeout(120)
class AlertmanagerEndToEndTest {

    private static final String API_KEY = "am-e2e-key-5c0f9b27d4";
    private static final Duration WAIT = Duration.ofSeconds(45);

    @RegisterExtension
    final RunningServer server = new RunningServer(Map.of("api_keys", API_KEY));

    private final WebSocketClient ws = new WebSocketClient();
    private final HttpClient http = new HttpClient();

    @BeforeEach
    void start() throws Exception {
        ws.start();
        http.start();
    }

    @AfterEach
    void stop() throws Exception {
        http.stop();
        ws.stop();
    }

    @Test
    void alertFiresInAlertmanager_subscriberSeesTheIncident_thenItsResolution() throws Exception {
        Instant startsAt = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        try (TestClient subscriber = subscribe();
                AlertmanagerProcess alertmanager = AlertmanagerProcess.start(webhookUrl(), API_KEY)) {
            alertmanager.postAlerts(checkoutDown(startsAt, null));

            JsonNode created = alertmanager.awaitEvent(subscriber, "incident_created", WAIT);
            JsonNode incident = created.path("incident");
            assertThat(incident.path("title").asText()).isEqualTo("Checkout is down");
            assertThat(incident.path("severity").asText()).isEqualTo("P1");
            assertThat(incident.path("source").asText()).isEqualTo("alertmanager");
            assertThat(incident.path("fingerprint").asText()).matches("[0-9a-f]{16}");
            assertThat(incident.path("affected_resources").toString()).isEqualTo("[\"checkout\",\"web-1:8080\"]");
            assertThat(incident.path("description").asText()).contains("https://runbooks.example.org/checkout");
            String id = incident.path("id").asText();
            JsonNode converted = alertmanager.awaitEvent(subscriber, "alert_converted", WAIT);
            assertThat(converted.path("incident_id").asText()).isEqualTo(id);

            alertmanager.postAlerts(checkoutDown(startsAt, Instant.now().minusSeconds(1)));

            JsonNode resolved = alertmanager
                    .awaitEvent(subscriber, "incident_resolved", WAIT)
                    .path("incident");
            assertThat(resolved.path("id").asText()).isEqualTo(id);
            assertThat(resolved.path("state").asText()).isEqualTo("Resolved");
            assertThat(resolved.path("resolution").path("resolution_method").asText())
                    .isEqualTo("Automated");
            assertThat(resolved.path("resolution").path("resolved_by").asText()).isEqualTo("alertmanager");
            String metrics = scrape();
            assertThat(counter(metrics, "incidents_opened_total")).isEqualTo(1);
            assertThat(counter(metrics, "incidents_resolved_total")).isEqualTo(1);
            assertThat(counter(metrics, "alerts_received_total")).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void twoAlertmanagersSendingTheSameAlert_openOneIncident_andResolveItOnce() throws Exception {
        Instant startsAt = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        try (TestClient subscriber = subscribe();
                AlertmanagerProcess first = AlertmanagerProcess.start(webhookUrl(), API_KEY);
                AlertmanagerProcess second = AlertmanagerProcess.start(webhookUrl(), API_KEY)) {
            first.postAlerts(checkoutDown(startsAt, null));
            second.postAlerts(checkoutDown(startsAt, null));

            // Both notifications published their alert; only one of them opened the incident.
            JsonNode one = first.awaitEvent(subscriber, "alert_received", WAIT).path("alert");
            JsonNode other =
                    first.awaitEvent(subscriber, "alert_received", WAIT).path("alert");
            String incident = one.path("incident_id").asText();
            assertThat(other.path("incident_id").asText()).isEqualTo(incident);
            // Either may come first: the duplicate's publish can overtake the opener's.
            assertThat(one.path("deduplicated").asBoolean())
                    .isNotEqualTo(other.path("deduplicated").asBoolean());
            String metrics = scrape();
            assertThat(counter(metrics, "incidents_opened_total")).isEqualTo(1);
            assertThat(counter(metrics, "alerts_deduplicated_total")).isEqualTo(1);

            Instant endsAt = Instant.now().minusSeconds(1);
            first.postAlerts(checkoutDown(startsAt, endsAt));
            second.postAlerts(checkoutDown(startsAt, endsAt));

            JsonNode resolved = first.awaitEvent(subscriber, "incident_resolved", WAIT);
            assertThat(resolved.path("incident").path("id").asText()).isEqualTo(incident);
            // The second resolve publishes nothing, so only the Alertmanagers can tell it was delivered.
            AlertmanagerDeliveries.await(first, 2, WAIT);
            AlertmanagerDeliveries.await(second, 2, WAIT);
            metrics = scrape();
            assertThat(counter(metrics, "incidents_resolved_total")).isEqualTo(1);
            assertThat(counter(metrics, "incidents_opened_total")).isEqualTo(1);
            // Every alert of every notification taken in, the repeated resolve included.
            assertThat(counter(metrics, "alerts_received_total")).isEqualTo(4);
        }
    }

    private TestClient subscribe() throws Exception {
        TestClient client = TestClient.connect(ws, server.ws());
        client.next("welcome");
        client.send("{\"type\":\"subscribe\",\"subscription_id\":\"alerts\","
                + "\"filters\":{\"sources\":[\"alertmanager\"]}}");
        client.next("subscribed");
        return client;
    }

    private String webhookUrl() {
        return server.http() + "/api/v1/integrations/alertmanager";
    }

    /** One alert as Prometheus posts it; {@code endsAt} in the past resolves it, null leaves it firing. */
    private static String checkoutDown(Instant startsAt, Instant endsAt) {
        return "[{\"labels\":{\"alertname\":\"CheckoutDown\",\"severity\":\"critical\",\"service\":\"checkout\","
                + "\"instance\":\"web-1:8080\"},"
                + "\"annotations\":{\"summary\":\"Checkout is down\","
                + "\"runbook_url\":\"https://runbooks.example.org/checkout\"},"
                + "\"startsAt\":\"" + startsAt + "\","
                + (endsAt == null ? "" : "\"endsAt\":\"" + endsAt + "\",")
                + "\"generatorURL\":\"http://prometheus.example.org:9090/graph?g0.expr=up%3D%3D0\"}]";
    }

    private String scrape() throws Exception {
        return http.GET(server.http() + "/metrics").getContentAsString();
    }

    private static long counter(String scrape, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "\\{source=\"alertmanager\"} ([0-9.E+]+)$")
                .matcher(scrape);
        if (!matcher.find()) {
            throw new AssertionError("no " + name + "{source=\"alertmanager\"} in the scrape:\n" + scrape);
        }
        return (long) Double.parseDouble(matcher.group(1));
    }
}
