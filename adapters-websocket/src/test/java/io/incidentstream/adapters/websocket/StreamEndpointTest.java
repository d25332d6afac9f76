package io.incidentstream.adapters.websocket;

import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.adapters.websocket.testing.WebSocketServerFixture;
import io.incidentstream.application.port.in.PublishResult;
import io.incidentstream.domain.event.Escalated;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.Severity;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The protocol's happy paths over a real Jetty server and a real WebSocket client. */
class StreamEndpointTest {

    private WebSocketServerFixture server;

    @BeforeEach
    void start() throws Exception {
        server = new WebSocketServerFixture();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void connecting_sendsWelcomeWithSessionEpochAndSeq() throws Exception {
        try (TestClient client = TestClient.connect(server.client(), server.uri())) {
            JsonNode welcome = client.next();
            assertThat(welcome.path("type").asText()).isEqualTo("welcome");
            assertThat(UUID.fromString(welcome.path("session_id").asText())).isNotNull();
            assertThat(welcome.path("server_time").asText()).endsWith("Z");
            assertThat(welcome.path("epoch").asText()).isNotEmpty();
            assertThat(welcome.path("seq").isNumber()).isTrue();
            assertThat(welcome.path("heartbeat_interval_secs").asLong()).isEqualTo(30);
            assertThat(welcome.has("version")).isTrue();
        }
    }

    @Test
    void subscribe_repliesWithNormalisedFiltersAndSeq() throws Exception {
        try (TestClient client = server.connect()) {
            client.send("{\"type\":\"subscribe\",\"subscription_id\":\"s1\",\"filters\":{\"severities\":[\"P0\"]}}");
            JsonNode subscribed = client.next("subscribed");
            assertThat(subscribed.path("subscription_id").asText()).isEqualTo("s1");
            JsonNode filters = subscribed.path("filters");
            assertThat(filters.fieldNames())
                    .toIterable()
                    .containsExactly(
                            "event_types",
                            "severities",
                            "states",
                            "sources",
                            "affected_resources",
                            "labels",
                            "incident_ids");
            assertThat(filters.path("severities").get(0).asText()).isEqualTo("P0");
            assertThat(subscribed.path("seq").isNumber()).isTrue();
            assertThat(subscribed.path("recovered").isNull()).isTrue();
            assertThat(subscribed.path("replayed").isNull()).isTrue();
        }
    }

    @Test
    void publishedEvent_reachesEverySubscriberWithTheSameMessageId() throws Exception {
        try (TestClient first = server.connect();
                TestClient second = server.connect()) {
            subscribe(first, "a", "{}");
            subscribe(second, "b", "{}");
            Incident incident = incident().severity(Severity.P1).build();
            PublishResult.Receipt receipt = server.publish(new IncidentCreated(incident));

            JsonNode one = first.next("event");
            JsonNode two = second.next("event");
            assertThat(one.path("message_id").asText())
                    .isEqualTo(receipt.messageId().toString())
                    .isEqualTo(two.path("message_id").asText());
            assertThat(one.path("seq").asLong()).isEqualTo(receipt.seq());
            assertThat(one.path("priority").asText()).isEqualTo("high");
            assertThat(one.path("timestamp").asText()).endsWith("Z");
            assertThat(one.path("event").path("event_type").asText()).isEqualTo("incident_created");
            assertThat(one.path("event").path("incident").path("id").asText())
                    .isEqualTo(incident.id().toString());
            assertThat(one.path("subscription_ids").toString()).isEqualTo("[\"a\"]");
            assertThat(two.path("subscription_ids").toString()).isEqualTo("[\"b\"]");
        }
    }

    @Test
    void twoMatchingSubscriptions_receiveTheEventOnceWithBothIds() throws Exception {
        try (TestClient client = server.connect()) {
            subscribe(client, "all", "{}");
            subscribe(client, "p1", "{\"severities\":[\"P1\"]}");
            server.publish(new IncidentCreated(incident().severity(Severity.P1).build()));
            server.publish(new SystemEvent("deploy", "marker", Map.of()));

            JsonNode event = client.next("event");
            assertThat(event.path("subscription_ids"))
                    .extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("all", "p1");
            JsonNode marker = client.next("event");
            assertThat(marker.path("event").path("event_type").asText()).isEqualTo("system_event");
        }
    }

    @Test
    void severityFilter_followsTheIncidentAcrossEscalation_andSkipsSystemAndUnknownIncidents() throws Exception {
        try (TestClient urgent = server.connect();
                TestClient everything = server.connect()) {
            subscribe(urgent, "urgent", "{\"severities\":[\"P0\",\"P1\"]}");
            subscribe(everything, "all", "{}");
            Incident p1 = incident().severity(Severity.P1).build();
            Incident p3 = incident().severity(Severity.P3).build();
            server.publish(new IncidentCreated(p1));
            server.publish(new IncidentCreated(p3));
            server.publish(new SystemEvent("deploy", "v2 rolled out", Map.of()));
            server.publish(new Escalated(UUID.randomUUID(), Severity.P2, Severity.P0, "unknown incident"));
            server.publish(new Escalated(p3.id(), Severity.P3, Severity.P0, "customers affected"));

            assertThat(urgent.next("event")
                            .path("event")
                            .path("incident")
                            .path("id")
                            .asText())
                    .isEqualTo(p1.id().toString());
            JsonNode escalation = urgent.next("event");
            assertThat(escalation.path("event").path("event_type").asText()).isEqualTo("escalated");
            assertThat(escalation.path("event").path("incident_id").asText())
                    .isEqualTo(p3.id().toString());
            assertThat(escalation.path("priority").asText()).isEqualTo("critical");
            // The unfiltered client saw all five, so the urgent one had its chance at the three it skipped.
            for (int i = 0; i < 5; i++) {
                everything.next("event");
            }
        }
    }

    @Test
    void unsubscribe_stopsDelivery_andUnknownIdIsNotFound() throws Exception {
        try (TestClient client = server.connect()) {
            subscribe(client, "s1", "{}");
            client.send("{\"type\":\"unsubscribe\",\"subscription_id\":\"s1\"}");
            assertThat(client.next("unsubscribed").path("subscription_id").asText())
                    .isEqualTo("s1");

            client.send("{\"type\":\"unsubscribe\",\"subscription_id\":\"s1\"}");
            JsonNode error = client.next("error");
            assertThat(error.path("code").asText()).isEqualTo("NOT_FOUND");
            assertThat(error.path("subscription_id").asText()).isEqualTo("s1");
        }
    }

    @Test
    void resubscribingWithTheSameId_replacesTheFilter() throws Exception {
        try (TestClient client = server.connect()) {
            subscribe(client, "s", "{\"severities\":[\"P0\"]}");
            subscribe(client, "s", "{\"severities\":[\"P3\"]}");
            server.publish(new IncidentCreated(incident().severity(Severity.P0).build()));
            Incident p3 = incident().severity(Severity.P3).build();
            server.publish(new IncidentCreated(p3));
            JsonNode event = client.next("event");
            assertThat(event.path("event").path("incident").path("id").asText())
                    .isEqualTo(p3.id().toString());
            assertThat(server.stream().statistics().statistics().activeSubscriptions())
                    .isEqualTo(1);
        }
    }

    @Test
    void ping_echoesTheTimestamp_orSendsServerTime() throws Exception {
        try (TestClient client = server.connect()) {
            client.send("{\"type\":\"ping\",\"timestamp\":\"2024-05-01T12:00:00Z\"}");
            assertThat(client.next("pong").path("timestamp").asText()).isEqualTo("2024-05-01T12:00:00Z");
            client.send("{\"type\":\"ping\"}");
            assertThat(client.next("pong").path("timestamp").asText()).endsWith("Z");
        }
    }

    @Test
    void ack_isAcceptedSilently() throws Exception {
        try (TestClient client = server.connect()) {
            client.send("{\"type\":\"ack\",\"message_id\":\"" + UUID.randomUUID() + "\"}");
            client.send("{\"type\":\"ping\",\"timestamp\":\"after-ack\"}");
            JsonNode next = client.next();
            assertThat(next.path("type").asText()).isEqualTo("pong");
            assertThat(next.path("timestamp").asText()).isEqualTo("after-ack");
        }
    }

    static void subscribe(TestClient client, String id, String filters) throws InterruptedException {
        client.send("{\"type\":\"subscribe\",\"subscription_id\":\"" + id + "\",\"filters\":" + filters + "}");
        client.nextMatching(
                m -> "subscribed".equals(m.path("type").asText())
                        && id.equals(m.path("subscription_id").asText()),
                "subscribed " + id);
    }
}
