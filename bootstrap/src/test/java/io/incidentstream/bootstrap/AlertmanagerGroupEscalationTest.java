package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code alert_incident_per=group} fed by a real Alertmanager: a critical alert joining a group whose
 * incident a warning opened escalates that incident to P1, and GET shows it at P1.
 */
@Timeout(120)
class AlertmanagerGroupEscalationTest {

    private static final String API_KEY = "am-group-key-7d1e2f9a30";
    private static final Duration WAIT = Duration.ofSeconds(45);

    @RegisterExtension
    final RunningServer server = new RunningServer(Map.of("api_keys", API_KEY, "alert_incident_per", "group"));

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
    void aCriticalAlertJoiningAWarningsGroup_escalatesTheGroupsIncident() throws Exception {
        Instant startsAt = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        try (TestClient subscriber = TestClient.connect(ws, server.ws());
                AlertmanagerProcess alertmanager =
                        AlertmanagerProcess.start(server.http() + "/api/v1/integrations/alertmanager", API_KEY)) {
            subscriber.next("welcome");
            subscriber.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\"}");
            subscriber.next("subscribed");

            alertmanager.postAlerts(latency("web-1:8080", "warning", startsAt));
            JsonNode created = alertmanager.awaitEvent(subscriber, "incident_created", WAIT);
            String id = created.path("incident").path("id").asText();
            assertThat(created.path("incident").path("severity").asText()).isEqualTo("P3");

            alertmanager.postAlerts(latency("web-2:8080", "critical", startsAt));
            JsonNode escalated = alertmanager.awaitEvent(subscriber, "escalated", WAIT);
            assertThat(escalated.path("incident_id").asText()).isEqualTo(id);
            assertThat(escalated.path("from_severity").asText()).isEqualTo("P3");
            assertThat(escalated.path("to_severity").asText()).isEqualTo("P1");
            assertThat(escalated.path("incident").path("severity").asText()).isEqualTo("P1");
            assertThat(http.GET(server.http() + "/api/v1/incidents/" + id).getContentAsString())
                    .contains("\"severity\":\"P1\"");
        }
    }

    /** One alert of the group {@code alertname=HighLatency} (Alertmanager groups by alertname here). */
    private static String latency(String instance, String severity, Instant startsAt) {
        return "[{\"labels\":{\"alertname\":\"HighLatency\",\"severity\":\"" + severity + "\",\"instance\":\""
                + instance + "\"},\"annotations\":{\"summary\":\"Latency high on " + instance + "\"},"
                + "\"startsAt\":\"" + startsAt + "\"}]";
    }
}
