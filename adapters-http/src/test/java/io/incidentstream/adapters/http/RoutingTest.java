package io.incidentstream.adapters.http;

import static io.incidentstream.adapters.http.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Paths and methods the API does not serve get the error envelope too. */
class RoutingTest {

    @RegisterExtension
    final TestApi api = TestApi.perTest();

    @Test
    void unknownPath_is404() throws Exception {
        assertError(api.get("/api/v2/events"), 404, "NOT_FOUND");
        assertError(api.get("/api/v1/stats/"), 404, "NOT_FOUND");
        assertError(api.get("/api/v1/incidents/" + java.util.UUID.randomUUID() + "/notes"), 404, "NOT_FOUND");
    }

    @Test
    void knownPathWithWrongMethod_is405_withAllow() throws Exception {
        ContentResponse getEvents = api.get("/api/v1/events");
        ContentResponse deleteIncidents = api.request("DELETE", "/api/v1/incidents");
        ContentResponse postStats = api.post("/api/v1/stats", "{}");
        ContentResponse putIncident = api.request("PUT", "/api/v1/incidents/" + java.util.UUID.randomUUID());

        assertError(getEvents, 405, "METHOD_NOT_ALLOWED");
        assertThat(getEvents.getHeaders().get("Allow")).isEqualTo("POST");
        assertError(deleteIncidents, 405, "METHOD_NOT_ALLOWED");
        assertThat(deleteIncidents.getHeaders().get("Allow")).isEqualTo("GET, POST");
        assertThat(postStats.getHeaders().get("Allow")).isEqualTo("GET");
        assertThat(putIncident.getHeaders().get("Allow")).isEqualTo("GET");
    }

    @Test
    void plainGetOfWebSocketPath_is400UpgradeRequired() throws Exception {
        ContentResponse response = api.get("/ws");

        assertError(response, 400, "UPGRADE_REQUIRED");
        assertThat(TestApi.json(response).at("/error/message").textValue()).contains("WebSocket client");
    }

    @Test
    void malformedQueryEncoding_is400() throws Exception {
        var response = api.raw(
                "GET /api/v1/incidents?severity=%zz HTTP/1.1\r\nHost: localhost\r\n" + "Connection: close\r\n\r\n");

        assertThat(response.getStatus()).isEqualTo(400);
    }
}
