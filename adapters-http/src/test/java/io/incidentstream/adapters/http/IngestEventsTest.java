package io.incidentstream.adapters.http;

import static io.incidentstream.adapters.http.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.application.fakes.RecordingChannel;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.event.IncidentLinkedEvent;
import io.incidentstream.domain.event.Priority;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Severity;
import java.util.UUID;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /api/v1/events}: what is accepted, and how a bad body is refused without publishing anything. */
class IngestEventsTest {

    @RegisterExtension
    final TestApi api = TestApi.perTest();

    @Test
    void singleEvent_isAccepted_withItsMessageIdAndSeq() throws Exception {
        ContentResponse response = api.post("/api/v1/events", Bodies.incidentCreated("P1"));

        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(response.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        JsonNode body = TestApi.json(response);
        assertThat(body.get("accepted").intValue()).isEqualTo(1);
        assertThat(body.get("message_ids")).hasSize(1);
        assertThat(UUID.fromString(body.get("message_ids").get(0).textValue())).isNotNull();
        assertThat(body.get("seqs").get(0).longValue()).isEqualTo(1);
        assertThat(api.stream.incidents().incidents(Filter.all()))
                .singleElement()
                .satisfies(incident -> assertThat(incident.severity()).isEqualTo(Severity.P1));
    }

    @Test
    void batch_isAcceptedInOrder_withConsecutiveSeqs() throws Exception {
        UUID incidentId = UUID.randomUUID();
        String batch = "[" + Bodies.incidentCreated("P2") + "," + Bodies.systemEvent("deploy") + ","
                + Bodies.comment(incidentId) + "]";

        ContentResponse response = api.post("/api/v1/events", batch);

        assertThat(response.getStatus()).isEqualTo(202);
        JsonNode body = TestApi.json(response);
        assertThat(body.get("accepted").intValue()).isEqualTo(3);
        assertThat(body.get("message_ids")).hasSize(3);
        assertThat(body.get("seqs").toString()).isEqualTo("[1,2,3]");
        assertThat(api.stream.statistics().statistics().lastSeq()).isEqualTo(3);
    }

    /**
     * Found from outside: the {@code incident} a publisher sends with an incident-linked event was
     * checked as a whole incident (a stale or partial copy refused the batch), though the server
     * replaces it. It is ignored: subscribers get the incident as the server knows it.
     */
    @Test
    void anIncidentSentWithACommentIsIgnored_subscribersGetTheServersOwn() throws Exception {
        assertThat(api.post("/api/v1/events", Bodies.incidentCreated("P1")).getStatus())
                .isEqualTo(202);
        UUID known = api.stream.incidents().incidents(Filter.all()).get(0).id();
        RecordingChannel channel = api.subscribeToAll();
        String comment = Bodies.comment(known);
        String batch = "[" + withIncident(comment, "{\"id\":\"" + known + "\",\"title\":\"stale copy\"}") + ","
                + withIncident(comment, "\"see id\"") + "," + withIncident(comment, "null") + "]";

        ContentResponse response = api.post("/api/v1/events", batch);

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(202);
        for (int i = 0; i < 3; i++) {
            EventMessage received = channel.nextOf(EventMessage.class);
            assertThat(((IncidentLinkedEvent) received.event().event()).incident())
                    .satisfies(incident -> {
                        assertThat(incident.id()).isEqualTo(known);
                        assertThat(incident.severity()).isEqualTo(Severity.P1);
                        assertThat(incident.title()).isEqualTo("checkout latency above SLO");
                    });
        }
    }

    private static String withIncident(String event, String incident) {
        return event.substring(0, event.length() - 1) + ",\"incident\":" + incident + "}";
    }

    @Test
    void explicitPriority_reachesSubscribers() throws Exception {
        RecordingChannel channel = api.subscribeToAll();
        String event = Bodies.systemEvent("failover").replaceFirst("\\{", "{\"priority\":\"critical\",");

        assertThat(api.post("/api/v1/events", event).getStatus()).isEqualTo(202);

        EventMessage received = channel.nextOf(EventMessage.class);
        assertThat(received.event().event().type()).isEqualTo(EventType.SYSTEM_EVENT);
        assertThat(received.event().priority()).isEqualTo(Priority.CRITICAL);
    }

    @Test
    void unknownEventType_is400InvalidEvent_listingTheAcceptedTypes() throws Exception {
        ContentResponse response = api.post("/api/v1/events", "{\"event_type\":\"incident_exploded\"}");

        assertError(response, 400, "INVALID_EVENT");
        JsonNode error = TestApi.json(response).get("error");
        assertThat(error.at("/details/field").textValue()).isEqualTo("event_type");
        assertThat(error.get("message").textValue()).contains("incident_exploded", "incident_created", "system_event");
    }

    @Test
    void invalidFieldOfSingleEvent_is400NamingTheField() throws Exception {
        ContentResponse response = api.post("/api/v1/events", Bodies.incidentCreated("P9"));

        assertError(response, 400, "INVALID_EVENT");
        JsonNode error = TestApi.json(response).get("error");
        assertThat(error.at("/details/field").textValue()).isEqualTo("incident.severity");
        assertThat(error.get("message").textValue()).contains("P9");
    }

    @Test
    void batchWithOneBadElement_isRejectedWhole_namingTheElement() throws Exception {
        String batch = "[" + Bodies.systemEvent("a") + "," + Bodies.incidentCreated("P1") + ","
                + Bodies.incidentCreated("P7") + "]";

        ContentResponse response = api.post("/api/v1/events", batch);

        assertError(response, 400, "INVALID_EVENT");
        assertThat(TestApi.json(response).at("/error/details/field").textValue())
                .isEqualTo("[2].incident.severity");
        assertNothingPublished();
        assertThat(api.stream.statistics().statistics().eventsBroadcast()).isZero();
    }

    @Test
    void missingRequiredField_is400NamingIt() throws Exception {
        String noTitle = Bodies.incidentCreated("P1").replace("\"title\":\"checkout latency above SLO\",", "");

        ContentResponse response = api.post("/api/v1/events", noTitle);

        assertError(response, 400, "INVALID_EVENT");
        assertThat(TestApi.json(response).at("/error/details/field").textValue())
                .isEqualTo("incident.title");
    }

    @Test
    void unknownPriority_is400NamingTheField() throws Exception {
        String event = Bodies.systemEvent("x").replaceFirst("\\{", "{\"priority\":\"urgent\",");

        ContentResponse single = api.post("/api/v1/events", event);
        ContentResponse batch = api.post("/api/v1/events", "[" + Bodies.systemEvent("y") + "," + event + "]");

        assertError(single, 400, "INVALID_EVENT");
        assertThat(TestApi.json(single).at("/error/details/field").textValue()).isEqualTo("priority");
        assertThat(TestApi.json(batch).at("/error/details/field").textValue()).isEqualTo("[1].priority");
        assertNothingPublished();
    }

    @Test
    void emptyArray_is400() throws Exception {
        assertError(api.post("/api/v1/events", "[]"), 400, "INVALID_EVENT");
        assertNothingPublished();
    }

    @Test
    void nonObjectEvent_is400() throws Exception {
        ContentResponse scalar = api.post("/api/v1/events", "42");
        ContentResponse nested = api.post("/api/v1/events", "[[]]");

        assertError(scalar, 400, "INVALID_EVENT");
        assertError(nested, 400, "INVALID_EVENT");
        assertThat(TestApi.json(nested).at("/error/details/field").textValue()).isEqualTo("[0]");
    }

    private void assertNothingPublished() {
        assertThat(api.stream.statistics().statistics().lastSeq()).isZero();
        assertThat(api.stream.incidents().incidents(Filter.all())).isEmpty();
    }
}
