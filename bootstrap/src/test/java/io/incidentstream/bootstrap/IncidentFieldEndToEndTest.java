package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentstream.adapters.websocket.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the original module's browser client prints, {@code msg.event.incident}, is there for every
 * incident event: filled in at admission for the events that name their incident by id, as known
 * after the event, null for an incident the server does not know; the same in a replay.
 */
@Timeout(60)
class IncidentFieldEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "44444444-4444-4444-8444-444444444444";
    private static final String UNKNOWN = "55555555-5555-4555-8555-555555555555";
    private static final String PLAYBOOK = "66666666-6666-4666-8666-666666666666";

    @RegisterExtension
    final RunningServer server = new RunningServer();

    private final HttpClient http = new HttpClient();
    private final WebSocketClient ws = new WebSocketClient();

    @RegisterExtension
    final ClientsPerTest clients = new ClientsPerTest(http, ws);

    @Test
    void everyIncidentLinkedEvent_carriesTheIncident_liveAndInAReplay() throws Exception {
        List<String> linked = List.of(
                "{\"event_type\":\"escalated\",\"incident_id\":\"" + ID
                        + "\",\"from_severity\":\"P3\",\"to_severity\":\"P1\"}",
                "{\"event_type\":\"assignment_changed\",\"incident_id\":\"" + ID + "\",\"assignees\":[\"ann\"]}",
                "{\"event_type\":\"comment_added\",\"incident_id\":\"" + ID
                        + "\",\"author\":\"ann\",\"comment\":\"on it\"}",
                "{\"event_type\":\"playbook_started\",\"incident_id\":\"" + ID + "\",\"playbook_id\":\"" + PLAYBOOK
                        + "\",\"playbook_name\":\"restart\"}",
                "{\"event_type\":\"playbook_action_executed\",\"incident_id\":\"" + ID + "\",\"playbook_id\":\""
                        + PLAYBOOK + "\",\"action_name\":\"restart pod\",\"success\":true}",
                "{\"event_type\":\"playbook_completed\",\"incident_id\":\"" + ID + "\",\"playbook_id\":\"" + PLAYBOOK
                        + "\",\"success\":true,\"actions_executed\":1}",
                "{\"event_type\":\"notification_sent\",\"incident_id\":\"" + ID
                        + "\",\"channel\":\"slack\",\"success\":true}",
                "{\"event_type\":\"alert_converted\",\"incident_id\":\"" + ID + "\",\"alert\":{\"external_id\":\"a1\","
                        + "\"source\":\"prometheus\",\"severity\":\"P3\",\"alert_type\":\"Application\",\"title\":\"5xx\"}}");
        try (TestClient live = connect()) {
            String epoch = live.next("welcome").path("epoch").asText();
            live.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\",\"filters\":{}}");
            live.next("subscribed");

            post(
                    "/api/v1/incidents",
                    "{\"id\":\"" + ID + "\",\"severity\":\"P3\",\"source\":\"prometheus\","
                            + "\"title\":\"checkout slow\"}");
            post("/api/v1/events", "[" + String.join(",", linked) + "]");
            post(
                    "/api/v1/events",
                    "{\"event_type\":\"comment_added\",\"incident_id\":\"" + UNKNOWN
                            + "\",\"author\":\"bob\",\"comment\":\"which incident?\"}");

            JsonNode created = live.next("event").path("event");
            assertThat(created.path("event_type").asText()).isEqualTo("incident_created");
            List<JsonNode> delivered = new ArrayList<>();
            for (int i = 0; i < linked.size(); i++) {
                JsonNode event = live.next("event").path("event");
                delivered.add(event);
                assertThat(event.path("incident").path("id").asText())
                        .as(event.path("event_type").asText())
                        .isEqualTo(ID);
                assertThat(event.path("incident").path("title").asText()).isEqualTo("checkout slow");
            }
            assertThat(delivered.get(0).path("incident").path("severity").asText())
                    .as("after the escalation")
                    .isEqualTo("P1");
            assertThat(delivered
                            .get(1)
                            .path("incident")
                            .path("assignees")
                            .get(0)
                            .asText())
                    .isEqualTo("ann");
            JsonNode unknown = live.next("event").path("event");
            assertThat(unknown.has("incident")).isTrue();
            assertThat(unknown.path("incident").isNull()).isTrue();
            assertThat(unknown.path("comment").asText()).isEqualTo("which incident?");

            try (TestClient resumed = connect()) {
                resumed.next("welcome");
                resumed.send("{\"type\":\"subscribe\",\"subscription_id\":\"again\",\"filters\":{},\"since\":0,"
                        + "\"epoch\":\"" + epoch + "\"}");
                assertThat(resumed.next("subscribed").path("recovered").asBoolean())
                        .isTrue();
                resumed.next("event");
                for (JsonNode liveEvent : delivered) {
                    assertThat(resumed.next("event").path("event")).isEqualTo(liveEvent);
                }
                assertThat(resumed.next("event").path("event")).isEqualTo(unknown);
            }
        }
    }

    @Test
    void aResolveOrCloseWithoutState_isDeliveredWithTheStateTheServerRecords() throws Exception {
        String incident = "{\"id\":\"" + ID + "\",\"severity\":\"P2\",\"source\":\"prometheus\",\"title\":\"disk\"}";
        try (TestClient live = connect()) {
            live.next("welcome");
            live.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\",\"filters\":{}}");
            live.next("subscribed");

            post("/api/v1/events", "{\"event_type\":\"incident_resolved\",\"incident\":" + incident + "}");
            post("/api/v1/events", "{\"event_type\":\"incident_closed\",\"incident\":" + incident + "}");

            assertThat(live.next("event")
                            .path("event")
                            .path("incident")
                            .path("state")
                            .asText())
                    .isEqualTo("Resolved");
            assertThat(live.next("event")
                            .path("event")
                            .path("incident")
                            .path("state")
                            .asText())
                    .isEqualTo("Closed");
        }
        ContentResponse stored = http.GET(server.http() + "/api/v1/incidents/" + ID);
        assertThat(JSON.readTree(stored.getContentAsString()).path("state").asText())
                .isEqualTo("Closed");
    }

    private TestClient connect() throws Exception {
        return TestClient.connect(ws, server.ws());
    }

    private void post(String path, String body) throws Exception {
        ContentResponse response = http.POST(server.http() + path)
                .body(new StringRequestContent("application/json", body))
                .send();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(202);
        assertThat(response.getContentAsString()).endsWith("}\n");
        JSON.readTree(response.getContentAsString());
    }
}
