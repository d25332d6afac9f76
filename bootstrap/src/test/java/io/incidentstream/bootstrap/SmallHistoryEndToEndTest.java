package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentstream.adapters.websocket.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code history_capacity} bounds what is kept for resuming clients, never what is delivered. With no
 * history at all, events were accepted (202) and then neither delivered nor stored; with a history
 * smaller than a batch, the batch closed every session with 1012 {@code stream_reset} and none of it
 * was delivered. Now every event reaches its subscribers and the incidents are stored, and a resume
 * is recovered exactly as far back as the history reaches.
 */
@Timeout(60)
class SmallHistoryEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 10;

    @Nested
    class NoHistory extends Bounded {
        @Override
        int historyCapacity() {
            return 0;
        }
    }

    @Nested
    class HistoryOfThree extends Bounded {
        @Override
        int historyCapacity() {
            return 3;
        }
    }

    abstract class Bounded {

        @RegisterExtension
        final RunningServer server = new RunningServer(Map.of("history_capacity", String.valueOf(historyCapacity())));

        private final HttpClient http = new HttpClient();
        private final WebSocketClient ws = new WebSocketClient();

        @RegisterExtension
        final ClientsPerTest clients = new ClientsPerTest(http, ws);

        abstract int historyCapacity();

        @Test
        void aBatchLargerThanTheHistory_isDeliveredWhole_andItsIncidentsAreStored() throws Exception {
            try (TestClient first = subscribed("first");
                    TestClient second = subscribed("second")) {
                List<String> incidents = new ArrayList<>();
                for (int i = 0; i < BATCH; i++) {
                    incidents.add("{\"event_type\":\"incident_created\",\"incident\":{\"id\":\"" + id(i)
                            + "\",\"severity\":\"P2\",\"source\":\"batch\",\"title\":\"number " + i + "\"}}");
                }
                JsonNode accepted = post("[" + String.join(",", incidents) + "]");

                for (TestClient client : List.of(first, second)) {
                    for (int i = 0; i < BATCH; i++) {
                        JsonNode event = client.next("event");
                        assertThat(event.path("seq").asLong())
                                .isEqualTo(accepted.path("seqs").get(i).asLong());
                        assertThat(event.path("event")
                                        .path("incident")
                                        .path("title")
                                        .asText())
                                .isEqualTo("number " + i);
                    }
                }
                for (int i = 0; i < BATCH; i++) {
                    ContentResponse incident = http.GET(server.http() + "/api/v1/incidents/" + id(i));
                    assertThat(incident.getStatus())
                            .as(incident.getContentAsString())
                            .isEqualTo(200);
                }
                post("{\"event_type\":\"system_event\",\"message\":\"after the batch\"}");
                assertThat(first.next("event").path("event").path("message").asText())
                        .isEqualTo("after the batch");
            }
        }

        @Test
        void aResume_isRecoveredAsFarBackAsTheHistoryReaches_andNoFurther() throws Exception {
            String epoch;
            try (TestClient client = TestClient.connect(ws, server.ws())) {
                epoch = client.next("welcome").path("epoch").asText();
            }
            long last = 0;
            for (int i = 0; i < 5; i++) {
                last = post("{\"event_type\":\"system_event\",\"message\":\"m" + i + "\"}")
                        .path("seqs")
                        .get(0)
                        .asLong();
            }
            try (TestClient tooFar = TestClient.connect(ws, server.ws());
                    TestClient inReach = TestClient.connect(ws, server.ws())) {
                tooFar.next("welcome");
                tooFar.send(resume("far", last - historyCapacity() - 1, epoch));
                assertThat(tooFar.next("subscribed").path("recovered").asBoolean())
                        .isFalse();
                inReach.next("welcome");
                inReach.send(resume("near", last - historyCapacity(), epoch));
                assertThat(inReach.next("subscribed").path("recovered").asBoolean())
                        .isTrue();
                for (long seq = last - historyCapacity() + 1; seq <= last; seq++) {
                    assertThat(inReach.next("event").path("seq").asLong()).isEqualTo(seq);
                }

                post("{\"event_type\":\"system_event\",\"message\":\"live\"}");
                assertThat(tooFar.next("event").path("event").path("message").asText())
                        .isEqualTo("live");
                assertThat(inReach.next("event").path("event").path("message").asText())
                        .isEqualTo("live");
            }
        }

        private TestClient subscribed(String id) throws Exception {
            TestClient client = TestClient.connect(ws, server.ws());
            client.next("welcome");
            client.send("{\"type\":\"subscribe\",\"subscription_id\":\"" + id + "\",\"filters\":{}}");
            client.next("subscribed");
            return client;
        }

        private JsonNode post(String body) throws Exception {
            ContentResponse response = http.POST(server.http() + "/api/v1/events")
                    .body(new StringRequestContent("application/json", body))
                    .send();
            assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(202);
            return JSON.readTree(response.getContentAsString());
        }
    }

    private static String resume(String id, long since, String epoch) {
        return "{\"type\":\"subscribe\",\"subscription_id\":\"" + id + "\",\"filters\":{},\"since\":" + since
                + ",\"epoch\":\"" + epoch + "\"}";
    }

    private static String id(int i) {
        return String.format("77777777-7777-4777-8777-%012d", i);
    }
}
