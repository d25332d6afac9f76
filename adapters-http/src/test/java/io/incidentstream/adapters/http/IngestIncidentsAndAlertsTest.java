package io.incidentstream.adapters.http;

import static io.incidentstream.adapters.http.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.application.fakes.RecordingChannel;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.domain.event.AlertReceived;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.IncidentState;
import java.util.UUID;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /api/v1/incidents} and {@code POST /api/v1/alerts}: one document, one event. */
class IngestIncidentsAndAlertsTest {

    @RegisterExtension
    final TestApi api = TestApi.perTest();

    private RecordingChannel subscriber;

    @BeforeEach
    void subscribe() {
        subscriber = api.subscribeToAll();
    }

    @Test
    void postedIncident_isPublishedAsIncidentCreated_andReturnedWithDefaults() throws Exception {
        ContentResponse response = api.post("/api/v1/incidents", Bodies.incident("P0", "prometheus"));

        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(response.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        JsonNode incident = TestApi.json(response);
        UUID id = UUID.fromString(incident.get("id").textValue());
        assertThat(incident.get("state").textValue()).isEqualTo("Detected");
        assertThat(incident.get("incident_type").textValue()).isEqualTo("Unknown");
        assertThat(incident.get("created_at").textValue()).endsWith("Z");
        assertThat(incident.has("resolution")).isTrue();
        assertThat(incident.get("resolution").isNull()).isTrue();
        assertThat(api.stream.incidents().incident(id)).hasValueSatisfying(stored -> {
            assertThat(stored.state()).isEqualTo(IncidentState.DETECTED);
            assertThat(stored.source()).isEqualTo("prometheus");
        });
        EventMessage event = subscriber.nextOf(EventMessage.class);
        assertThat(event.event().event()).isInstanceOf(IncidentCreated.class);
        assertThat(event.event().event().incidentId()).isEqualTo(id);
    }

    @Test
    void postedIncidentWithId_keepsIt() throws Exception {
        UUID id = UUID.randomUUID();
        String body = Bodies.incident("P2", "grafana").replaceFirst("\\{", "{\"id\":\"" + id + "\",");

        ContentResponse response = api.post("/api/v1/incidents", body);

        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(TestApi.json(response).get("id").textValue()).isEqualTo(id.toString());
        assertThat(api.stream.incidents().incident(id)).isPresent();
    }

    @Test
    void invalidIncident_is400NamingTheField_andPublishesNothing() throws Exception {
        ContentResponse response = api.post("/api/v1/incidents", Bodies.incident("P1", ""));

        assertError(response, 400, "INVALID_INCIDENT");
        assertThat(TestApi.json(response).at("/error/details/field").textValue())
                .isEqualTo("source");
        assertThat(api.stream.statistics().statistics().lastSeq()).isZero();
    }

    @Test
    void malformedIncident_is400InvalidJson() throws Exception {
        assertError(api.post("/api/v1/incidents", "{\"severity\":"), 400, "INVALID_JSON");
    }

    @Test
    void incidentWithWrongContentType_is415() throws Exception {
        assertError(
                api.post("/api/v1/incidents", "application/xml", Bodies.incident("P1", "x")),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void postedAlert_isPublishedAsAlertReceived_andReturned() throws Exception {
        ContentResponse response = api.post("/api/v1/alerts", Bodies.alert("P1"));

        assertThat(response.getStatus()).isEqualTo(202);
        JsonNode alert = TestApi.json(response);
        assertThat(alert.get("alert_type").textValue()).isEqualTo("Performance");
        assertThat(alert.get("deduplicated").booleanValue()).isFalse();
        assertThat(alert.get("incident_id").isNull()).isTrue();
        EventMessage event = subscriber.nextOf(EventMessage.class);
        assertThat(event.event().event())
                .isInstanceOfSatisfying(
                        AlertReceived.class,
                        received -> assertThat(received.alert().id().toString())
                                .isEqualTo(alert.get("id").textValue()));
        assertThat(api.stream.incidents().incidents(Filter.all())).isEmpty();
    }

    @Test
    void invalidAlert_is400NamingTheField() throws Exception {
        ContentResponse response =
                api.post("/api/v1/alerts", Bodies.alert("P1").replace("\"Performance\"", "\"Weather\""));

        assertError(response, 400, "INVALID_ALERT");
        assertThat(TestApi.json(response).at("/error/details/field").textValue())
                .isEqualTo("alert_type");
        assertThat(api.stream.statistics().statistics().lastSeq()).isZero();
    }

    @Test
    void oversizedIncident_is413() throws Exception {
        String body = Bodies.incident("P1", "x")
                .replaceFirst("\\{", "{\"description\":\"" + "d".repeat(TestApi.SETTINGS.maxEventBytes()) + "\",");

        assertError(api.post("/api/v1/incidents", body), 413, "EVENT_TOO_LARGE");
    }
}
