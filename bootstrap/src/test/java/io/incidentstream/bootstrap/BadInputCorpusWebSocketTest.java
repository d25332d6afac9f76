package io.incidentstream.bootstrap;

import static io.incidentstream.bootstrap.BadInputCorpus.MAX_MESSAGE_BYTES;
import static io.incidentstream.bootstrap.BadInputCorpus.NEVER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.bootstrap.WebSocketClosingCorpus.ClientClose;
import io.incidentstream.bootstrap.WebSocketClosingCorpus.RawClose;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The WebSocket bad-input corpus, each input on a connection of its own. Every text message is
 * followed by a barrier (see {@link WsCase#exchange}), so its replies are exactly what came before
 * the barrier's: one {@code error} with the documented code, or the documented reply for the
 * accepted boundary values; never an event. Binary frames get {@code UNSUPPORTED}; oversized
 * messages close with 1009, text frames that are not UTF-8 with 1007, broken framing with 1002.
 * What the whole corpus leaves behind is {@link BadInputCorpusAftermathTest}'s.
 */
class BadInputCorpusWebSocketTest {

    /*
     * One server for the class is safe: every input gets a connection of its own, and what one
     * connection does (its subscriptions, its rate budget, its close) is not seen by another; no
     * input publishes anything, so none can reach another's connection either. The inputs cannot
     * change each other's outcome, whatever their order.
     */
    @RegisterExtension
    static final RunningServer SERVER = new RunningServer(BadInputCorpus.SETTINGS);

    private static final WebSocketClient WS = new WebSocketClient();

    @BeforeAll
    static void startClient() throws Exception {
        // The pong to a ping of max_message_bytes echoes its timestamp: more than the client's default.
        WS.setMaxTextMessageSize(4L * MAX_MESSAGE_BYTES);
        WS.start();
    }

    @AfterAll
    static void stopClient() throws Exception {
        WS.stop();
    }

    @ParameterizedTest(name = "ws: {0}")
    @MethodSource("io.incidentstream.bootstrap.WebSocketBadInputCorpus#textMessages")
    void textMessage(WsCase input) throws Exception {
        exchange(input);
    }

    @ParameterizedTest(name = "ws {0}")
    @MethodSource("io.incidentstream.bootstrap.WebSocketBadInputCorpus#binaryFrames")
    void binaryFrame(WsCase input) throws Exception {
        exchange(input);
    }

    private static void exchange(WsCase c) throws Exception {
        try (TestClient client = connect(WS, SERVER)) {
            List<JsonNode> replies = c.exchange(client, "barrier");
            String input = "[" + c.name() + "] " + (c.text() == null ? "(binary)" : RawWire.abbreviate(c.text()));
            assertThat(replies)
                    .as("no event ever reaches the offending connection; input %s", input)
                    .noneMatch(m -> m.path("type").asText().equals("event"));
            List<String> types =
                    replies.stream().map(m -> m.path("type").asText()).toList();
            assertThat(types).as("replies to %s: %s", input, replies).isEqualTo(c.replies());
            if (c.code() != null) {
                JsonNode error = replies.get(types.indexOf("error"));
                assertThat(error.path("code").asText())
                        .as("code for %s: %s", input, error)
                        .isEqualTo(c.code());
                assertThat(error.path("message").asText())
                        .as("a readable message")
                        .isNotBlank();
                if (c.messageContains() != null) {
                    assertThat(error.path("message").asText())
                            .as("message for %s", input)
                            .contains(c.messageContains());
                }
            }
        }
    }

    @Test
    void textOfExactlyMaxMessageBytes_isServed() throws Exception {
        try (TestClient client = connect(WS, SERVER)) {
            pingOfExactlyMaxMessageBytes(client);
        }
    }

    static void pingOfExactlyMaxMessageBytes(TestClient client) throws Exception {
        String text = WebSocketClosingCorpus.pingOfBytes(MAX_MESSAGE_BYTES);
        assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(MAX_MESSAGE_BYTES);
        client.send(text);
        JsonNode pong = client.next();
        assertThat(pong.path("type").asText()).isEqualTo("pong");
        String empty = "{\"type\":\"ping\",\"timestamp\":\"\"}";
        assertThat(pong.path("timestamp").asText()).hasSize(MAX_MESSAGE_BYTES - empty.length());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.incidentstream.bootstrap.WebSocketClosingCorpus#clientCloses")
    void closesTheConnection(ClientClose c) throws Exception {
        try (TestClient client = connect(WS, SERVER)) {
            c.action().accept(client);
            assertThat(client.awaitClose()).as(c.name()).isIn(c.codes());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.incidentstream.bootstrap.WebSocketClosingCorpus#rawCloses")
    void closesTheRawConnection(RawClose c) throws Exception {
        closeRaw(SERVER.port(), c);
    }

    /** Writes {@code c} on a fresh raw connection: only the welcome comes before the close, with its code. */
    static void closeRaw(int port, RawClose c) throws Exception {
        try (RawWire.WebSocket socket = new RawWire.WebSocket(port, "/ws", List.of())) {
            assertThat(socket.upgrade().status()).isEqualTo(101);
            c.action().accept(socket);
            List<String> texts = new ArrayList<>();
            int closed = socket.awaitClose(texts);
            assertThat(closed)
                    .as("%s; text frames before the close: %s", c.name(), texts)
                    .isEqualTo(c.code());
            assertThat(texts).as("only the welcome came before the close").hasSize(1);
            assertThat(texts.get(0)).contains("\"type\":\"welcome\"");
        }
    }

    @Test
    void the100thSubscriptionIsAccepted_the101stRefused_aReplacementAccepted() throws Exception {
        try (TestClient client = connect(WS, SERVER)) {
            subscriptionLimit(client);
        }
    }

    static void subscriptionLimit(TestClient client) throws Exception {
        for (int i = 0; i < 100; i++) {
            client.send("{\"type\":\"subscribe\",\"subscription_id\":\"s" + i + "\",\"filters\":{" + NEVER + "}}");
        }
        for (int i = 0; i < 100; i++) {
            assertThat(client.next().path("type").asText())
                    .as("subscription " + i)
                    .isEqualTo("subscribed");
        }
        client.send("{\"type\":\"subscribe\",\"subscription_id\":\"s100\",\"filters\":{" + NEVER + "}}");
        JsonNode refused = client.next();
        assertThat(refused.path("code").asText()).as(refused.toString()).isEqualTo("SUBSCRIPTION_LIMIT");
        assertThat(refused.path("subscription_id").asText()).isEqualTo("s100");
        client.send("{\"type\":\"subscribe\",\"subscription_id\":\"s7\",\"filters\":{" + NEVER + "}}");
        assertThat(client.next().path("type").asText()).isEqualTo("subscribed");
    }

    /** A client of {@code server}, past its welcome. */
    static TestClient connect(WebSocketClient ws, RunningServer server) throws Exception {
        TestClient client = TestClient.connect(ws, server.ws());
        assertThat(client.next().path("type").asText()).isEqualTo("welcome");
        return client;
    }
}
