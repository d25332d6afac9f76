package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.bootstrap.config.ServerConfig;
import io.incidentstream.bootstrap.sse.SseStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/asyncapi.json against the real server: every client message example is sent and gets a reply
 * its operation documents (refused examples the documented error), every message the server sends
 * (welcome, subscribed, snapshot, event for each of the 14 event types, unsubscribed, pong, error,
 * gap, closing and its close code) validates against its schema, undocumented fields counting as
 * errors (see {@link ApiSchemas}), and every example of a server message matches its own schema.
 */
@Timeout(120)
class StreamDocumentTest {

    private final ApiSchemas asyncApi = ApiSchemas.load(ApiSchemas.docs().resolve("asyncapi.json"));
    private final ApiSchemas openApi = ApiSchemas.load(ApiSchemas.docs().resolve("openapi.json"));
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> problems = new ArrayList<>();
    private final Set<String> seenTypes = new TreeSet<>();
    private IncidentStreamServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private void start(Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("port", "0", "host", "127.0.0.1"));
        all.putAll(settings);
        server = ServerComponent.create(ServerConfig.defaults(all), Clock.systemUTC())
                .start();
    }

    @Test
    void everyClientExampleGetsItsDocumentedReplyAndEveryServerMessageMatchesItsSchema() throws Exception {
        start(Map.of());
        // The incident the watch examples name exists first, so that watching it is accepted.
        JsonNode incidentExamples = openApi.document()
                .at("/paths/~1api~1v1~1incidents/post/requestBody/content/application~1json/examples");
        post("/api/v1/incidents", incidentExamples.get("checkout").get("value"));
        Socket socket = connect();
        expect(socket, "welcome");

        JsonNode messages = asyncApi.document().at("/components/messages");
        JsonNode operations = asyncApi.document().get("operations");
        operations.properties().forEach(entry -> {
            JsonNode operation = entry.getValue();
            if (!"receive".equals(operation.get("action").asText())) {
                return;
            }
            String name = messageName(operation.at("/messages/0/$ref").asText());
            List<String> replies = new ArrayList<>();
            operation
                    .at("/reply/messages")
                    .forEach(ref -> replies.add(messageName(ref.get("$ref").asText())));
            for (JsonNode example : messages.get(name).path("examples")) {
                socket.send(example.get("payload"));
                if (replies.isEmpty()) {
                    // No reply is documented (ack): the session carries on and answers the next ping.
                    socket.send(ApiSchemas.JSON.createObjectNode().put("type", "ping"));
                    expect(socket, "pong");
                } else {
                    JsonNode reply = expectOneOf(socket, replies);
                    if ("error".equals(reply.get("type").asText())) {
                        problems.add(name + " example " + example.get("name") + " was refused: " + reply);
                    }
                }
            }
            for (JsonNode example : messages.get(name).path("x-invalid-examples")) {
                socket.send(example.get("payload"));
                JsonNode reply = expect(socket, "error");
                if (!example.get("code").asText().equals(reply.get("code").asText())) {
                    problems.add(name + " example " + example.get("name") + ": " + reply + ", documented "
                            + example.get("code"));
                }
            }
        });

        // Every event type, through the HTTP API's own examples, reaches the subscription "all" (the
        // incident_created of the checkout incident through the alerts example).
        openApi.document()
                .at("/paths/~1api~1v1~1events/post/requestBody/content/application~1json/examples")
                .forEach(example -> post("/api/v1/events", example.get("value")));
        Set<String> eventTypes = new TreeSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (eventTypes.size() < 14 && System.nanoTime() < deadline) {
            JsonNode event = expect(socket, "event");
            eventTypes.add(event.at("/event/event_type").asText());
        }
        assertThat(eventTypes).as("event types received").hasSize(14);
        // The unwatch examples follow the watch examples at once. When the announcement timer runs
        // only after both, the server rightly says nothing (joined and left again within one
        // interval), so watch once more and stay: that change is announced.
        if (!seenTypes.contains("presence")) {
            socket.send(messages.at("/watch/examples/1/payload"));
            expect(socket, "presence");
        }

        // Shutdown: `closing` with 1001, then the close frame with the same code.
        server.stop();
        JsonNode closing = expect(socket, "closing");
        assertThat(closing.get("code").asInt()).isEqualTo(1001);
        assertThat(socket.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1001);
        server = null;

        assertThat(problems).as("messages that differ from docs/asyncapi.json").isEmpty();
        assertThat(seenTypes)
                .contains(
                        "welcome",
                        "subscribed",
                        "snapshot",
                        "event",
                        "unsubscribed",
                        "pong",
                        "error",
                        "closing",
                        "watching",
                        "presence");
    }

    @Test
    void everyMessageOfAnSseStreamIsOnTheSseChannelAndMatchesItsSchema() throws Exception {
        start(Map.of());
        JsonNode checkout = openApi.document()
                .at("/paths/~1api~1v1~1incidents/post/requestBody/content/application~1json/examples/checkout/value");
        post("/api/v1/incidents", checkout);
        Set<String> onChannel = new TreeSet<>();
        asyncApi.document().at("/channels/sse/messages").fieldNames().forEachRemaining(onChannel::add);
        Set<String> sseTypes = new TreeSet<>();
        Set<String> eventTypes = new TreeSet<>();
        try (SseStream stream = SseStream.open(server.port(), "/sse?subscription_id=all&snapshot=true")) {
            assertThat(stream.status()).isEqualTo(200);
            SseStream.Message first = stream.next(Duration.ofSeconds(10));
            assertThat(first.retry()).as("the retry line").isNotNull();
            handleSse(first, onChannel, sseTypes, eventTypes);
            // A watcher elsewhere: its presence reaches this stream, whose subscription matches the incident.
            Socket watcher = connect();
            expect(watcher, "welcome");
            watcher.send(ApiSchemas.JSON.readTree("{\"type\":\"watch\",\"incident_id\":\""
                    + checkout.get("id").asText() + "\",\"name\":\"Ann (on call)\"}"));
            expect(watcher, "watching");
            openApi.document()
                    .at("/paths/~1api~1v1~1events/post/requestBody/content/application~1json/examples")
                    .forEach(example -> post("/api/v1/events", example.get("value")));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while ((eventTypes.size() < 14 || !sseTypes.contains("presence")) && System.nanoTime() < deadline) {
                readSse(stream, onChannel, sseTypes, eventTypes);
            }
            server.stop();
            server = null;
            while (!sseTypes.contains("closing")) {
                readSse(stream, onChannel, sseTypes, eventTypes);
            }
            assertThat(stream.endsWithin(Duration.ofSeconds(10)))
                    .as("the stream ends after closing")
                    .isTrue();
        }
        assertThat(problems)
                .as("SSE messages that differ from docs/asyncapi.json")
                .isEmpty();
        assertThat(eventTypes).as("event types received over /sse").hasSize(14);
        assertThat(sseTypes)
                .containsExactlyInAnyOrder("welcome", "subscribed", "snapshot", "event", "presence", "closing");
    }

    /** Reads one SSE message (heartbeats skipped): its name must be its type, on the sse channel, and an event carries its id. */
    private void readSse(SseStream stream, Set<String> onChannel, Set<String> sseTypes, Set<String> eventTypes)
            throws Exception {
        SseStream.Message message = stream.next(Duration.ofSeconds(10));
        assertThat(message)
                .as("an SSE message within 10 s (seen: %s)", sseTypes)
                .isNotNull();
        handleSse(message, onChannel, sseTypes, eventTypes);
    }

    private void handleSse(
            SseStream.Message message, Set<String> onChannel, Set<String> sseTypes, Set<String> eventTypes) {
        if (message.event() == null) {
            return;
        }
        JsonNode data = message.json();
        validate(data);
        String type = data.path("type").asText();
        sseTypes.add(type);
        if (!type.equals(message.event())) {
            problems.add("SSE event name " + message.event() + " for a " + type + " message");
        }
        if (!onChannel.contains(type)) {
            problems.add("sent over /sse but not on the sse channel: " + type);
        }
        if (type.equals("event")) {
            eventTypes.add(data.at("/event/event_type").asText());
            if (message.id() == null
                    || !message.id().endsWith(":" + data.get("seq").asLong())) {
                problems.add("event without its id <epoch>:<seq>: " + message);
            }
        }
    }

    @Test
    void aStalledReaderGetsADocumentedGap() throws Exception {
        // A queue of 5 events: a reader that stops reading soon has lower priorities give way.
        start(Map.of("max_pending_messages", "5", "write_timeout_ms", "60000"));
        Socket socket = connect();
        expect(socket, "welcome");
        socket.send(ApiSchemas.JSON.readTree("{\"type\":\"subscribe\",\"subscription_id\":\"all\"}"));
        expect(socket, "subscribed");
        socket.pause();
        String padding = "x".repeat(4000);
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 200; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append("{\"event_type\":\"system_event\",\"message\":\"")
                    .append(padding)
                    .append("\"}");
        }
        batch.append(']');
        JsonNode gap = null;
        for (int round = 0; round < 40 && gap == null; round++) {
            post("/api/v1/events", ApiSchemas.JSON.readTree(batch.toString()));
            if (round >= 10) {
                socket.resume();
                gap = socket.poll(Duration.ofMillis(200), "gap");
                socket.pause();
            }
        }
        socket.resume();
        assertThat(gap).as("a gap frame").isNotNull();
        assertThat(problems).as("messages that differ from docs/asyncapi.json").isEmpty();
    }

    @Test
    void everyServerMessageExampleMatchesItsSchema() {
        JsonNode messages = asyncApi.document().at("/components/messages");
        int checked = 0;
        for (JsonNode message : messages) {
            String pointer = message.at("/payload/$ref").asText().substring(1);
            for (JsonNode example : message.path("examples")) {
                asyncApi.problems(pointer, example.get("payload"))
                        .forEach(p -> problems.add(
                                message.get("name").asText() + " example " + example.get("name") + ": " + p));
                checked++;
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).isGreaterThanOrEqualTo(15);
    }

    private static String messageName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    /** Validates every message read on the way against the schema of its type. */
    private JsonNode expect(Socket socket, String type) {
        return expectOneOf(socket, List.of(type));
    }

    private JsonNode expectOneOf(Socket socket, List<String> types) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            JsonNode message = socket.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (message == null) {
                break;
            }
            validate(message);
            if (types.contains(message.path("type").asText())) {
                return message;
            }
        }
        throw new AssertionError("no " + types + " within 10 s");
    }

    private void validate(JsonNode message) {
        String type = message.path("type").asText();
        seenTypes.add(type);
        JsonNode described = asyncApi.document().at("/components/messages/" + type);
        if (described.isMissingNode()) {
            problems.add("undocumented message type " + type + ": " + message);
            return;
        }
        asyncApi.problems(described.at("/payload/$ref").asText().substring(1), message)
                .forEach(p -> problems.add(type + ": " + p));
    }

    private void post(String path, JsonNode body) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as("POST %s: %s", path, response.body())
                    .isEqualTo(202);
        } catch (Exception e) {
            throw new AssertionError("POST " + path, e);
        }
    }

    private Socket connect() throws Exception {
        Socket socket = new Socket();
        http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), socket)
                .get(10, TimeUnit.SECONDS);
        return socket;
    }

    /** A JDK WebSocket whose reading can be paused: no demand, so TCP backs up into the server's queue. */
    private final class Socket implements WebSocket.Listener {
        final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket webSocket;
        private volatile boolean paused;

        @Override
        public void onOpen(WebSocket ws) {
            webSocket = ws;
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(ApiSchemas.JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    problems.add("not JSON: " + partial);
                }
                partial.setLength(0);
            }
            if (!paused) {
                ws.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closeCode.complete(1006);
        }

        void send(JsonNode message) {
            webSocket.sendText(message.toString(), true).join();
        }

        void pause() {
            paused = true;
        }

        void resume() {
            paused = false;
            webSocket.request(1);
        }

        JsonNode next(Duration timeout) {
            try {
                return received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** Reads what has arrived within {@code timeout}, validating it, and returns the first message of {@code type}. */
        JsonNode poll(Duration timeout, String type) {
            long deadline = System.nanoTime() + timeout.toNanos();
            JsonNode found = null;
            for (JsonNode m; (m = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) != null; ) {
                validate(m);
                if (found == null && type.equals(m.path("type").asText())) {
                    found = m;
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
            return found;
        }
    }
}
