package io.incidentstream.bootstrap;

import static io.incidentstream.bootstrap.BadInputCorpus.MAX_MESSAGE_BYTES;
import static io.incidentstream.bootstrap.BadInputCorpusHttpTest.lastSeq;
import static io.incidentstream.bootstrap.BadInputCorpusHttpTest.post;
import static io.incidentstream.bootstrap.BadInputCorpusWebSocketTest.connect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.bootstrap.WebSocketClosingCorpus.ClientClose;
import io.incidentstream.bootstrap.WebSocketClosingCorpus.RawClose;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the whole bad-input corpus leaves behind, on a server of its own: every input of the
 * WebSocket corpus sent on one offending connection, every connection-ending input, and every
 * request of the HTTP corpus. Afterwards the server is healthy, a subscriber to everything received
 * exactly the accepted events in order, a subscriber with a filter nothing in the corpus matches
 * and the offending connection received nothing, and a new client is served normally. (Each
 * input's own answer is checked in {@link BadInputCorpusWebSocketTest} and {@link BadInputCorpusHttpTest}.)
 */
class BadInputCorpusAftermathTest {

    @RegisterExtension
    final RunningServer server = new RunningServer(BadInputCorpus.SETTINGS);

    private final WebSocketClient ws = new WebSocketClient();

    @RegisterExtension
    final ClientsPerTest clients = new ClientsPerTest(ws);

    BadInputCorpusAftermathTest() {
        // The bystander must be able to receive the largest accepted event (max_event_bytes) in one message.
        ws.setMaxTextMessageSize(4L * MAX_MESSAGE_BYTES * 16);
        // The observer and the bystander stay silent while the corpus runs, and the server sends no
        // heartbeat (3600 s): without this, the client's own 30 s idle timeout closes them whenever
        // the corpus takes longer than that, as it does on a busy machine.
        ws.setIdleTimeout(Duration.ofMinutes(10));
    }

    /** The whole corpus takes about ten seconds on a quiet machine; a busy one may take several times that. */
    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void afterTheWholeCorpus_theServerIsHealthy_nothingLeaked_andEveryoneIsServed() throws Exception {
        try (TestClient bystander = connect(ws, server);
                TestClient observer = connect(ws, server);
                TestClient offender = connect(ws, server)) {
            bystander.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\",\"filters\":{}}");
            assertThat(bystander.next().path("type").asText()).isEqualTo("subscribed");
            observer.send("{\"type\":\"subscribe\",\"subscription_id\":\"observer\","
                    + "\"filters\":{\"sources\":[\"observer-only\"]}}");
            assertThat(observer.next().path("type").asText()).isEqualTo("subscribed");
            assertThat(lastSeq(server.port())).isZero();

            runTheCorpus(offender);
            long lastSeq = lastSeq(server.port());
            assertThat(lastSeq)
                    .as("the accepted boundary values were published")
                    .isPositive();
            checkTheAftermath(bystander, observer, offender, lastSeq);
        }
    }

    private void runTheCorpus(TestClient offender) throws Exception {
        List<WsCase> messages = new ArrayList<>(WebSocketBadInputCorpus.textMessages());
        messages.addAll(WebSocketBadInputCorpus.binaryFrames());
        int barriers = 0;
        for (WsCase c : messages) {
            List<JsonNode> replies = c.exchange(offender, "barrier-" + ++barriers);
            assertThat(replies)
                    .as("no event ever reaches the offending connection; input [%s]", c.name())
                    .noneMatch(m -> m.path("type").asText().equals("event"));
        }
        for (ClientClose c : WebSocketClosingCorpus.clientCloses()) {
            try (TestClient client = connect(ws, server)) {
                c.action().accept(client);
                assertThat(client.awaitClose()).as(c.name()).isIn(c.codes());
            }
        }
        for (RawClose c : WebSocketClosingCorpus.rawCloses()) {
            BadInputCorpusWebSocketTest.closeRaw(server.port(), c);
        }
        try (TestClient client = connect(ws, server)) {
            BadInputCorpusWebSocketTest.pingOfExactlyMaxMessageBytes(client);
        }
        try (TestClient client = connect(ws, server)) {
            BadInputCorpusWebSocketTest.subscriptionLimit(client);
        }
        for (HttpCase c : HttpBadInputCorpus.all()) {
            RawWire.Response response = RawWire.request(server.port(), c.head(), c.headers(), c.body());
            assertThat(response.status())
                    .as("status for [%s]: %s", c.name(), response)
                    .isEqualTo(c.status());
        }
        BadInputCorpusHttpTest.eventSizeBoundary(server.port());
    }

    private void checkTheAftermath(TestClient bystander, TestClient observer, TestClient offender, long lastSeq)
            throws Exception {
        for (String path : List.of("/health/live", "/health/ready", "/health")) {
            RawWire.Response health = RawWire.request(server.port(), "GET " + path, List.of(), null);
            assertThat(health.status()).as(path + " " + health).isEqualTo(200);
        }
        RawWire.Response marker = post(
                server.port(),
                "/api/v1/incidents",
                "{\"severity\":\"P2\",\"source\":\"observer-only\",\"title\":\"after the corpus\"}");
        assertThat(marker.status()).isEqualTo(202);
        long markerSeq = lastSeq(server.port());
        assertThat(markerSeq).isEqualTo(lastSeq + 1);

        // The subscriber to everything got every accepted event, in order, once, and nothing else:
        // refusals take no seq, so the accepted events are exactly seqs 1 to lastSeq.
        List<Long> expected = LongStream.rangeClosed(1, markerSeq).boxed().toList();
        List<Long> received = new ArrayList<>();
        while (received.isEmpty() || received.get(received.size() - 1) != markerSeq) {
            JsonNode message = bystander.next();
            assertThat(message.path("type").asText())
                    .as(message.toString()
                            .substring(0, Math.min(300, message.toString().length())))
                    .isEqualTo("event");
            received.add(message.path("seq").asLong());
        }
        assertThat(received).isEqualTo(expected);

        // The observer's filter matched nothing in the corpus: the marker is the first thing it sees.
        JsonNode first = observer.next();
        assertThat(first.path("type").asText()).isEqualTo("event");
        assertThat(first.path("seq").asLong()).isEqualTo(markerSeq);
        assertThat(first.path("subscription_ids").toString()).isEqualTo("[\"observer\"]");

        // The offending connection holds only never-matching subscriptions: the marker did not reach it.
        offender.send("{\"type\":\"unsubscribe\",\"subscription_id\":\"final-barrier\"}");
        JsonNode barrier = offender.next();
        assertThat(barrier.path("type").asText()).as(barrier.toString()).isEqualTo("error");
        assertThat(barrier.path("subscription_id").asText()).isEqualTo("final-barrier");
        offender.send("{\"type\":\"ping\",\"timestamp\":\"still here\"}");
        assertThat(offender.next().path("timestamp").asText()).isEqualTo("still here");

        // And a newcomer is served as usual.
        try (TestClient newcomer = connect(ws, server)) {
            newcomer.send("{\"type\":\"subscribe\",\"subscription_id\":\"p1\",\"filters\":{\"severities\":[\"P1\"]}}");
            assertThat(newcomer.next().path("type").asText()).isEqualTo("subscribed");
            post(
                    server.port(),
                    "/api/v1/events",
                    "{\"event_type\":\"incident_created\",\"incident\":{\"severity\":\"P1\","
                            + "\"source\":\"after\",\"title\":\"normal\"}}");
            JsonNode event = newcomer.next();
            assertThat(event.path("type").asText()).isEqualTo("event");
            assertThat(event.path("event").path("incident").path("title").asText())
                    .isEqualTo("normal");
            assertThat(bystander.next().path("seq").asLong())
                    .isEqualTo(event.path("seq").asLong());
        }
        RawWire.Response metrics = RawWire.request(server.port(), "GET /metrics", List.of(), null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("websocket_active_connections");
    }
}
