package io.incidentstream.adapters.websocket;

import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.adapters.websocket.testing.WebSocketServerFixture;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.model.Severity;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Over the wire: a reconnecting client resumes with since/epoch, or learns it cannot and takes a snapshot. */
class ResumeAndSnapshotTest {

    private WebSocketServerFixture server;

    @BeforeEach
    void start() throws Exception {
        server = new WebSocketServerFixture(
                StreamSettings.defaults().toBuilder().snapshotPageSize(2).build(), true);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void reconnectingWithSinceAndEpoch_replaysWhatWasMissed_thenGoesLive() throws Exception {
        String epoch;
        long lastSeen;
        try (TestClient first = TestClient.connect(server.client(), server.uri())) {
            epoch = first.next("welcome").path("epoch").asText();
            StreamEndpointTest.subscribe(first, "p1", "{\"severities\":[\"P1\"]}");
            server.publish(new IncidentCreated(incident().severity(Severity.P1).build()));
            lastSeen = first.next("event").path("seq").asLong();
        }
        long missed1 = server.publish(
                        new IncidentCreated(incident().severity(Severity.P1).build()))
                .seq();
        server.publish(new IncidentCreated(incident().severity(Severity.P3).build()));
        long missed2 = server.publish(
                        new IncidentCreated(incident().severity(Severity.P1).build()))
                .seq();

        try (TestClient again = server.connect()) {
            again.send("{\"type\":\"subscribe\",\"subscription_id\":\"p1\",\"filters\":{\"severities\":[\"P1\"]},"
                    + "\"since\":" + lastSeen + ",\"epoch\":\"" + epoch + "\"}");
            JsonNode subscribed = again.next();
            assertThat(subscribed.path("type").asText()).isEqualTo("subscribed");
            assertThat(subscribed.path("recovered").asBoolean()).isTrue();
            assertThat(subscribed.path("replayed").asLong()).isEqualTo(2);
            long s = subscribed.path("seq").asLong();
            assertThat(s).isEqualTo(missed2);
            assertThat(again.next().path("seq").asLong()).isEqualTo(missed1);
            assertThat(again.next().path("seq").asLong()).isEqualTo(missed2);

            long live = server.publish(
                            new IncidentCreated(incident().severity(Severity.P1).build()))
                    .seq();
            JsonNode next = again.next();
            assertThat(next.path("seq").asLong()).isEqualTo(live).isGreaterThan(s);
        }
    }

    @Test
    void sinceFromAnotherEpoch_isNotRecovered_andFallsBackToASnapshotInPages() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.publish(new IncidentCreated(incident().severity(Severity.P0).build()));
        }
        server.publish(new IncidentCreated(incident().severity(Severity.P4).build()));
        server.publish(new SystemEvent("noise", "not an incident", Map.of()));
        try (TestClient client = server.connect()) {
            client.send("{\"type\":\"subscribe\",\"subscription_id\":\"urgent\",\"filters\":{\"severities\":[\"P0\"]},"
                    + "\"since\":2,\"epoch\":\"an-old-epoch\",\"snapshot\":true}");
            JsonNode subscribed = client.next();
            assertThat(subscribed.path("recovered").asBoolean()).isFalse();
            assertThat(subscribed.path("replayed").asLong()).isZero();
            long s = subscribed.path("seq").asLong();

            JsonNode page1 = client.next();
            JsonNode page2 = client.next();
            assertThat(page1.path("type").asText()).isEqualTo("snapshot");
            assertThat(page1.path("seq").asLong()).isEqualTo(s);
            assertThat(page1.path("incidents")).hasSize(2);
            assertThat(page1.path("last").asBoolean()).isFalse();
            assertThat(page2.path("incidents")).hasSize(1);
            assertThat(page2.path("last").asBoolean()).isTrue();
            assertThat(page2.path("incidents").get(0).path("severity").asText()).isEqualTo("P0");

            long live = server.publish(
                            new IncidentCreated(incident().severity(Severity.P0).build()))
                    .seq();
            assertThat(client.next().path("seq").asLong()).isEqualTo(live).isGreaterThan(s);
        }
    }

    @Test
    void snapshotWithNothingMatching_isOneEmptyLastPage() throws Exception {
        try (TestClient client = server.connect()) {
            client.send("{\"type\":\"subscribe\",\"subscription_id\":\"s\",\"filters\":{\"sources\":[\"nobody\"]},"
                    + "\"snapshot\":true}");
            JsonNode subscribed = client.next();
            assertThat(subscribed.path("recovered").isNull()).isTrue();
            JsonNode page = client.next();
            assertThat(page.path("type").asText()).isEqualTo("snapshot");
            assertThat(page.path("incidents")).isEmpty();
            assertThat(page.path("last").asBoolean()).isTrue();
        }
    }
}
