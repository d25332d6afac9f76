package io.incidentstream.adapters.http;

import static io.incidentstream.adapters.http.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
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
        assertError(api.get("/api/v1/incidents/" + UUID.randomUUID() + "/notes"), 404, "NOT_FOUND");
    }

    @Test
    void knownPathWithWrongMethod_is405_withAllow() throws Exception {
        ContentResponse getEvents = api.get("/api/v1/events");
        ContentResponse deleteIncidents = api.request("DELETE", "/api/v1/incidents");
        ContentResponse postStats = api.post("/api/v1/stats", "{}");
        ContentResponse putIncident = api.request("PUT", "/api/v1/incidents/" + UUID.randomUUID());

        assertError(getEvents, 405, "METHOD_NOT_ALLOWED");
        assertThat(getEvents.getHeaders().get("Allow")).isEqualTo("POST");
        assertError(deleteIncidents, 405, "METHOD_NOT_ALLOWED");
        assertThat(deleteIncidents.getHeaders().get("Allow")).isEqualTo("GET, HEAD, POST");
        assertThat(postStats.getHeaders().get("Allow")).isEqualTo("GET, HEAD");
        assertThat(putIncident.getHeaders().get("Allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void head_ofAGetEndpoint_answersItsStatusAndHeaders_withoutContent() throws Exception {
        for (String path : List.of("/health", "/health/ready", "/api/v1/stats", "/api/v1/incidents")) {
            ContentResponse get = api.get(path);
            String head = api.overSocket("HEAD " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(get.getStatus()).as(path).isEqualTo(200);
            assertThat(head).as(path).startsWith("HTTP/1.1 200 ");
            assertThat(head).as(path).containsIgnoringCase("Content-Type: application/json");
            assertThat(head).as(path + ": nothing after the headers").endsWith("\r\n\r\n");
        }
    }

    @Test
    void head_ofAnUnknownIncident_is404_withoutContent() throws Exception {
        String head = api.overSocket("HEAD /api/v1/incidents/" + UUID.randomUUID()
                + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(head).startsWith("HTTP/1.1 404 ").endsWith("\r\n\r\n");
    }

    @Test
    void head_ofAPathWithoutGet_is405() throws Exception {
        ContentResponse headEvents = api.request("HEAD", "/api/v1/events");

        assertThat(headEvents.getStatus()).isEqualTo(405);
        assertThat(headEvents.getHeaders().get("Allow")).isEqualTo("POST");
    }

    @Test
    void theConnectionCarriesOn_afterAHead() throws Exception {
        String twoRequests = api.overSocket("HEAD /health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        // Two answers; the HEAD's headers are followed at once by the GET's status line, not by content.
        assertThat(twoRequests.split("HTTP/1.1 200 ", -1)).hasSize(3);
        assertThat(twoRequests).contains("\r\n\r\nHTTP/1.1 200 ").contains("\r\n\r\n{\"status\":\"healthy\"");
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
