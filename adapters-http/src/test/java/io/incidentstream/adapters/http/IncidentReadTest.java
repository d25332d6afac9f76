package io.incidentstream.adapters.http;

import static io.incidentstream.adapters.http.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.application.port.in.Publication;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.fixtures.TestIncidents;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /api/v1/incidents} with its query filters, and {@code GET /api/v1/incidents/{id}}. */
class IncidentReadTest {

    @RegisterExtension
    final TestApi api = TestApi.perTest();

    private Incident p0Prometheus;
    private Incident p1Grafana;
    private Incident p1Resolved;

    @BeforeEach
    void publishThreeIncidents() {
        p0Prometheus = TestIncidents.incident()
                .severity(Severity.P0)
                .state(IncidentState.DETECTED)
                .source("prometheus")
                .labels(Map.of("team", "payments", "env", "prod"))
                .build();
        p1Grafana = TestIncidents.incident()
                .severity(Severity.P1)
                .state(IncidentState.TRIAGED)
                .source("grafana")
                .labels(Map.of("team", "search", "env", "prod"))
                .build();
        p1Resolved = TestIncidents.incident()
                .severity(Severity.P1)
                .state(IncidentState.RESOLVED)
                .source("prometheus")
                .labels(Map.of("team", "payments", "env", "staging"))
                .build();
        for (Incident incident : List.of(p0Prometheus, p1Grafana, p1Resolved)) {
            api.stream.publisher().publish(Publication.of(new IncidentCreated(incident)));
        }
    }

    @Test
    void withoutQuery_listsEveryKnownIncident() throws Exception {
        ContentResponse response = api.get("/api/v1/incidents");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(TestApi.json(response).get("count").intValue()).isEqualTo(3);
        assertThat(ids(response)).containsExactlyInAnyOrder(p0Prometheus.id(), p1Grafana.id(), p1Resolved.id());
    }

    @Test
    void severity_filters() throws Exception {
        assertThat(ids(api.get("/api/v1/incidents?severity=P0"))).containsExactly(p0Prometheus.id());
    }

    @Test
    void repeatedAndCommaSeparatedValues_areAlternatives() throws Exception {
        assertThat(ids(api.get("/api/v1/incidents?state=Detected&state=Triaged")))
                .containsExactlyInAnyOrder(p0Prometheus.id(), p1Grafana.id());
        assertThat(ids(api.get("/api/v1/incidents?state=Detected,Resolved")))
                .containsExactlyInAnyOrder(p0Prometheus.id(), p1Resolved.id());
    }

    @Test
    void differentParameters_areCombined() throws Exception {
        assertThat(ids(api.get("/api/v1/incidents?severity=P1&source=prometheus")))
                .containsExactly(p1Resolved.id());
    }

    @Test
    void labels_mustAllMatch() throws Exception {
        assertThat(ids(api.get("/api/v1/incidents?label=team:payments")))
                .containsExactlyInAnyOrder(p0Prometheus.id(), p1Resolved.id());
        assertThat(ids(api.get("/api/v1/incidents?label=team:payments&label=env:prod")))
                .containsExactly(p0Prometheus.id());
        assertThat(ids(api.get("/api/v1/incidents?label=team:nobody"))).isEmpty();
    }

    @Test
    void unknownEnumValue_is400NamingTheParameter() throws Exception {
        ContentResponse response = api.get("/api/v1/incidents?severity=P0,P9");

        assertError(response, 400, "INVALID_PARAMETER");
        JsonNode error = TestApi.json(response).get("error");
        assertThat(error.at("/details/parameter").textValue()).isEqualTo("severity");
        assertThat(error.get("message").textValue()).contains("P9");
        assertThat(TestApi.json(api.get("/api/v1/incidents?state=open"))
                        .at("/error/details/parameter")
                        .textValue())
                .isEqualTo("state");
    }

    @Test
    void labelWithoutColon_is400() throws Exception {
        ContentResponse response = api.get("/api/v1/incidents?label=team");

        assertError(response, 400, "INVALID_PARAMETER");
        assertThat(TestApi.json(response).at("/error/details/parameter").textValue())
                .isEqualTo("label");
    }

    @Test
    void unknownParameter_is400_ratherThanIgnored() throws Exception {
        ContentResponse response = api.get("/api/v1/incidents?severities=P0");

        assertError(response, 400, "INVALID_PARAMETER");
        assertThat(TestApi.json(response).at("/error/details/parameter").textValue())
                .isEqualTo("severities");
    }

    @Test
    void incidentById_is200WithTheIncident() throws Exception {
        ContentResponse response = api.get("/api/v1/incidents/" + p1Grafana.id());

        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode incident = TestApi.json(response);
        assertThat(incident.get("id").textValue()).isEqualTo(p1Grafana.id().toString());
        assertThat(incident.get("severity").textValue()).isEqualTo("P1");
        assertThat(incident.get("state").textValue()).isEqualTo("Triaged");
    }

    @Test
    void unknownIncidentId_is404() throws Exception {
        assertError(api.get("/api/v1/incidents/" + UUID.randomUUID()), 404, "NOT_FOUND");
    }

    @Test
    void malformedIncidentId_is400() throws Exception {
        ContentResponse response = api.get("/api/v1/incidents/not-a-uuid");

        assertError(response, 400, "INVALID_PARAMETER");
        assertThat(TestApi.json(response).at("/error/details/parameter").textValue())
                .isEqualTo("id");
    }

    private static List<UUID> ids(ContentResponse response) {
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        JsonNode body = TestApi.json(response);
        List<UUID> ids = new ArrayList<>();
        StreamSupport.stream(body.get("incidents").spliterator(), false)
                .forEach(node -> ids.add(UUID.fromString(node.get("id").textValue())));
        assertThat(body.get("count").intValue()).isEqualTo(ids.size());
        return ids;
    }
}
