package io.incidentstream.adapters.websocket;

import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.adapters.websocket.testing.WebSocketServerFixture;
import io.incidentstream.application.message.CloseCode;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.model.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every malformed message gets an {@code error} frame with the right code and a message naming what
 * was wrong; the connection carries on, and so do other clients.
 */
class BadInputTest {

    private static WebSocketServerFixture server;

    @BeforeAll
    static void start() throws Exception {
        server = new WebSocketServerFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not JSON                      | `{"type":`                                                                   | not valid JSON
            not an object                 | `[1,2]`                                                                      | must be a JSON object
            empty message                 | `   `                                                                        | empty
            missing type                  | `{"subscription_id":"s"}`                                                    | missing required field 'type'
            type not a string             | `{"type":7}`                                                                 | type must be a string
            unknown type                  | `{"type":"subscribe_all"}`                                                   | unknown message type 'subscribe_all'
            missing subscription_id       | `{"type":"subscribe","filters":{}}`                                          | missing required field 'subscription_id'
            empty subscription_id         | `{"type":"subscribe","subscription_id":""}`                                  | subscription_id must be 1 to 128
            filters not an object         | `{"type":"subscribe","subscription_id":"s","filters":[]}`                    | filters must be a JSON object
            severities not a list         | `{"type":"subscribe","subscription_id":"s","filters":{"severities":"P0"}}`   | filters.severities must be an array
            lower-case severity           | `{"type":"subscribe","subscription_id":"s","filters":{"severities":["p0"]}}` | filters.severities[0] has unknown value 'p0'
            priority as severity          | `{"type":"subscribe","subscription_id":"s","filters":{"severities":["critical"]}}` | has unknown value 'critical' (expected one of P0, P1, P2, P3, P4)
            unknown state                 | `{"type":"subscribe","subscription_id":"s","filters":{"states":["Open"]}}`   | filters.states[0] has unknown value 'Open'
            unknown event type            | `{"type":"subscribe","subscription_id":"s","filters":{"event_types":["created"]}}` | filters.event_types[0] has unknown value 'created'
            bad incident id               | `{"type":"subscribe","subscription_id":"s","filters":{"incident_ids":["42"]}}` | filters.incident_ids[0] must be a UUID
            label value not a string      | `{"type":"subscribe","subscription_id":"s","filters":{"labels":{"team":1}}}` | filters.labels.team must be a string
            misspelt filter key           | `{"type":"subscribe","subscription_id":"s","filters":{"severity":["P0"]}}`   | unknown filter key 'severity'
            since without epoch           | `{"type":"subscribe","subscription_id":"s","since":5}`                       | 'since' and 'epoch' go together
            epoch without since           | `{"type":"subscribe","subscription_id":"s","epoch":"e"}`                     | 'since' and 'epoch' go together
            negative since                | `{"type":"subscribe","subscription_id":"s","since":-1,"epoch":"e"}`          | since must not be negative
            unsubscribe without id        | `{"type":"unsubscribe"}`                                                     | missing required field 'subscription_id'
            ping with object timestamp    | `{"type":"ping","timestamp":{}}`                                             | timestamp must be a string or a number
            ack with bad message id       | `{"type":"ack","message_id":"not-a-uuid"}`                                   | message_id must be a UUID
            ack without message id        | `{"type":"ack"}`                                                             | missing required field 'message_id'
            """)
    void invalidMessage_getsInvalidMessageError_andTheConnectionCarriesOn(String name, String message, String expected)
            throws Exception {
        try (TestClient client = server.connect()) {
            client.send(message);
            JsonNode error = client.next("error");
            assertThat(error.path("code").asText()).isEqualTo("INVALID_MESSAGE");
            assertThat(error.path("message").asText()).contains(expected);
            assertStillWorks(client);
        }
    }

    @Test
    void binaryFrame_getsUnsupported_andTheConnectionCarriesOn() throws Exception {
        try (TestClient client = server.connect()) {
            client.sendBinary(new byte[] {1, 2, 3});
            JsonNode error = client.next("error");
            assertThat(error.path("code").asText()).isEqualTo("UNSUPPORTED");
            assertThat(error.path("message").asText()).contains("binary");
            assertStillWorks(client);
        }
    }

    @Test
    void oversizedMessage_closesWith1009_andOtherClientsCarryOn() throws Exception {
        try (TestClient offender = server.connect();
                TestClient bystander = server.connect()) {
            StreamEndpointTest.subscribe(bystander, "all", "{}");
            offender.send("{\"type\":\"ping\",\"timestamp\":\""
                    + "x".repeat((int) WebSocketServerFixture.MAX_MESSAGE_BYTES) + "\"}");
            assertThat(offender.awaitClose()).isEqualTo(CloseCode.MESSAGE_TOO_BIG.code());

            server.publish(new IncidentCreated(incident().severity(Severity.P2).build()));
            assertThat(bystander.next("event").path("event").path("event_type").asText())
                    .isEqualTo("incident_created");
        }
    }

    @Test
    void clientErrors_neverReachOtherClients() throws Exception {
        try (TestClient offender = server.connect();
                TestClient bystander = server.connect()) {
            StreamEndpointTest.subscribe(bystander, "all", "{}");
            for (int i = 0; i < 50; i++) {
                offender.send("{nonsense " + i);
            }
            for (int i = 0; i < 50; i++) {
                offender.next("error");
            }
            server.publish(new IncidentCreated(incident().build()));
            assertThat(bystander.next().path("type").asText()).isEqualTo("event");
        }
    }

    private static void assertStillWorks(TestClient client) throws Exception {
        client.send("{\"type\":\"ping\",\"timestamp\":\"still-here\"}");
        JsonNode pong = client.next();
        assertThat(pong.path("type").asText()).isEqualTo("pong");
        assertThat(pong.path("timestamp").asText()).isEqualTo("still-here");
    }
}
