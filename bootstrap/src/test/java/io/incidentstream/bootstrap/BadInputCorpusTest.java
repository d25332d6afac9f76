package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.bootstrap.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;

/**
 * A generated corpus of malformed, oversized, deeply nested, wrong-encoding and boundary inputs,
 * run against one assembled server on both sides:
 *
 * <ul>
 *   <li>WebSocket: every text message is followed by a barrier (an {@code unsubscribe} of an id that
 *       does not exist, answered {@code NOT_FOUND} after everything before it), so each input's
 *       replies are exactly what came before its barrier: one {@code error} with the documented
 *       code, or the documented reply for the accepted boundary values; never an event. Binary
 *       frames get {@code UNSUPPORTED}; oversized messages close with 1009, text frames that are not
 *       UTF-8 with 1007, broken framing with 1002 (each on its own connection).</li>
 *   <li>HTTP: each request gets the documented status with the JSON error envelope and code (and
 *       the field path where the docs promise one), and {@code last_seq} in the stats does not move
 *       for a refusal; accepted boundary values move it by what they published.</li>
 * </ul>
 *
 * Afterwards the server is healthy, a subscriber to everything received exactly the accepted events
 * in order, a subscriber with a filter nothing in the corpus matches and the offending connection
 * received nothing, and a new client is served normally. Inputs where the server departs from its
 * documentation are run as well, but are reported as skipped with "KNOWN BUG" until fixed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCorpusTest {

    private static final String KEY = "publisher-key-for-the-corpus-0001";
    private static final int MAX_MESSAGE_BYTES = 65_536;
    private static final int MAX_EVENT_BYTES = 262_144;
    private static final int MAX_REQUEST_BYTES = 1_048_576;
    private static final String UUID_A = "3f8a1c2e-9b4d-4e6f-8a7b-1c2d3e4f5a6b";
    private static final String UUID_B = "6f1c2a8e-5a0b-4a53-9d1e-2b7f7c1d9a10";
    private static final String NEVER = "\"sources\":[\"corpus-never\"]";

    private IncidentStreamServer server;
    private final WebSocketClient ws = new WebSocketClient();
    private TestClient bystander;
    private TestClient observer;
    private TestClient offender;
    private int barriers;
    private long lastSeq;
    private final List<Long> acceptedSeqs = new ArrayList<>();
    private final Map<String, Integer> corpusSizes = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        server = ServerComponent.create(ServerConfig.defaults(Map.of("port", "0", "host", "127.0.0.1",
                "api_keys", KEY, "max_messages_per_sec", "100000", "max_request_bytes", String.valueOf(MAX_REQUEST_BYTES),
                "heartbeat_interval_secs", "3600")), Clock.systemUTC()).start();
        // The bystander must be able to receive the largest accepted event (max_event_bytes) in one message.
        ws.setMaxTextMessageSize(4L * MAX_MESSAGE_BYTES * 16);
        // The observer and the bystander stay silent while the corpus runs, and the server sends no
        // heartbeat (3600 s): without this, the client's own 30 s idle timeout closes them whenever
        // the corpus takes longer than that, as it does on a busy machine.
        ws.setIdleTimeout(java.time.Duration.ofMinutes(10));
        ws.start();
        bystander = connect();
        bystander.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\",\"filters\":{}}");
        assertThat(bystander.next().path("type").asText()).isEqualTo("subscribed");
        observer = connect();
        observer.send("{\"type\":\"subscribe\",\"subscription_id\":\"observer\","
                + "\"filters\":{\"sources\":[\"observer-only\"]}}");
        assertThat(observer.next().path("type").asText()).isEqualTo("subscribed");
        offender = connect();
        lastSeq = stats().path("last_seq").asLong();
        assertThat(lastSeq).isZero();
    }

    @AfterAll
    void stop() throws Exception {
        System.out.println("bad-input corpus sizes: " + corpusSizes + ", total "
                + corpusSizes.values().stream().mapToInt(Integer::intValue).sum());
        for (TestClient client : new TestClient[] {bystander, observer, offender}) {
            if (client != null) {
                client.close();
            }
        }
        ws.stop();
        server.stop();
    }

    // =============================================================================================
    // WebSocket
    // =============================================================================================

    /** What a message should get: the reply types in order (empty: none), and for an error its code. */
    record WsCase(String name, String text, List<String> replies, String code, String messageContains, String knownBug) {

        static WsCase invalid(String name, String text, String messageContains) {
            return new WsCase(name, text, List.of("error"), "INVALID_MESSAGE", messageContains, null);
        }

        static WsCase error(String name, String text, String code) {
            return new WsCase(name, text, List.of("error"), code, null, null);
        }

        static WsCase reply(String name, String text, String... replies) {
            return new WsCase(name, text, List.of(replies), null, null, null);
        }

        WsCase knownBug(String description) {
            return new WsCase(name, text, replies, code, messageContains, description);
        }
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> webSocketTextMessages() {
        List<WsCase> cases = WsCorpus.all();
        corpusSizes.put("ws text", cases.size());
        return cases.stream().map(c -> dynamicTest("ws: " + c.name(), () -> runWs(c, () -> offender.send(c.text()))));
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> webSocketBinaryFrames() {
        Map<String, byte[]> frames = new LinkedHashMap<>();
        WsCorpus.INVALID_UTF8.forEach((name, bytes) -> frames.put("invalid UTF-8 " + name,
                concat("{\"type\":\"ping\",\"timestamp\":\"".getBytes(StandardCharsets.UTF_8), bytes,
                        "\"}".getBytes(StandardCharsets.UTF_8))));
        WsCorpus.INVALID_UTF8.forEach((name, bytes) -> frames.put("bare invalid UTF-8 " + name, bytes));
        frames.put("a valid ping, as binary", "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
        frames.put("a valid subscribe, as binary", ("{\"type\":\"subscribe\",\"subscription_id\":\"bin\",\"filters\":{"
                + NEVER + "}}").getBytes(StandardCharsets.UTF_8));
        frames.put("ping as UTF-16", "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_16));
        frames.put("empty", new byte[0]);
        frames.put("one zero byte", new byte[1]);
        frames.put("exactly max_message_bytes", new byte[MAX_MESSAGE_BYTES]);
        frames.put("gzip magic", new byte[] {0x1f, (byte) 0x8b, 8, 0});
        List<WsCase> cases = new ArrayList<>();
        frames.forEach((name, bytes) -> cases.add(WsCase.error("binary: " + name, null, "UNSUPPORTED")));
        corpusSizes.put("ws binary", cases.size());
        List<byte[]> payloads = new ArrayList<>(frames.values());
        return java.util.stream.IntStream.range(0, cases.size()).mapToObj(i -> dynamicTest("ws " + cases.get(i).name(),
                () -> runWs(cases.get(i), () -> offender.sendBinary(payloads.get(i)))));
    }

    /** Inputs that end the connection (1009, 1007, 1002) or need one of their own; each on a fresh connection. */
    @TestFactory
    @Order(3)
    Stream<DynamicTest> webSocketConnectionLevel() {
        List<DynamicTest> tests = new ArrayList<>();
        String pad = "{\"type\":\"ping\",\"timestamp\":\"\"}";
        tests.add(dynamicTest("ws: text of exactly max_message_bytes is served", () -> {
            try (TestClient client = connect()) {
                String text = "{\"type\":\"ping\",\"timestamp\":\"" + "x".repeat(MAX_MESSAGE_BYTES - pad.length()) + "\"}";
                assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(MAX_MESSAGE_BYTES);
                client.send(text);
                JsonNode pong = client.next();
                assertThat(pong.path("type").asText()).isEqualTo("pong");
                assertThat(pong.path("timestamp").asText()).hasSize(MAX_MESSAGE_BYTES - pad.length());
            }
        }));
        tests.add(closes("ws: text one byte over max_message_bytes", 1009, client -> client.send(
                "{\"type\":\"ping\",\"timestamp\":\"" + "x".repeat(MAX_MESSAGE_BYTES - pad.length() + 1) + "\"}")));
        // For a MiB, the server closes (1009) while the client is still sending most of it, so the unread rest
        // makes the server's socket close with a TCP reset, which can reach the client before the close
        // frame does: then the client sees 1006. "One byte over" pins the close code itself.
        tests.add(closesWithEither("ws: text of 1 MiB", 1009, 1006,
                client -> client.send("[" + "1,".repeat(512 * 1024) + "1]")));
        tests.add(closes("ws: binary one byte over max_message_bytes", 1009,
                client -> client.sendBinary(new byte[MAX_MESSAGE_BYTES + 1])));
        tests.add(closesWithEither("ws: binary of 1 MiB", 1009, 1006, client -> client.sendBinary(new byte[1 << 20])));
        tests.add(closes("ws: fragmented text over max_message_bytes in total", 1009, client -> {
            client.session().sendPartialText("{\"type\":\"ping\",\"timestamp\":\"" + "y".repeat(40_000), false,
                    Callback.NOOP);
            client.session().sendPartialText("y".repeat(40_000) + "\"}", true, Callback.NOOP);
        }));
        tests.add(closes("ws: multi-byte text over max_message_bytes in bytes but not in chars", 1009,
                client -> client.send("{\"type\":\"ping\",\"timestamp\":\"" + "\u00e9".repeat(40_000) + "\"}")));
        WsCorpus.INVALID_UTF8.forEach((name, bytes) -> tests.add(rawCloses("ws raw: text frame with invalid UTF-8 "
                + name, 1007, socket -> socket.text(concat("{\"type\":\"ping\",\"timestamp\":\"".getBytes(
                        StandardCharsets.UTF_8), bytes, "\"}".getBytes(StandardCharsets.UTF_8))))));
        tests.add(rawCloses("ws raw: invalid UTF-8 split across fragments", 1007, socket -> {
            socket.frame(0x01, "{\"type\":\"ping\",\"timestamp\":\"\u00e2".getBytes(StandardCharsets.ISO_8859_1), true);
            socket.frame(0x80, new byte[] {0x28, (byte) 0xa1, '"', '}'}, true);
        }));
        tests.add(rawCloses("ws raw: text as UTF-16", 1007,
                socket -> socket.text("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_16))));
        tests.add(rawCloses("ws raw: unmasked client frame", 1002,
                socket -> socket.frame(0x81, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8), false)));
        tests.add(rawCloses("ws raw: reserved data opcode 0x3", 1002, socket -> socket.frame(0x83, new byte[] {1}, true)));
        tests.add(rawCloses("ws raw: reserved control opcode 0xB", 1002, socket -> socket.frame(0x8B, new byte[0], true)));
        tests.add(rawCloses("ws raw: RSV1 without an extension", 1002,
                socket -> socket.frame(0xC1, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8), true)));
        tests.add(rawCloses("ws raw: RSV2", 1002,
                socket -> socket.frame(0xA1, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8), true)));
        tests.add(rawCloses("ws raw: ping frame with 126 bytes", 1002, socket -> socket.frame(0x89, new byte[126], true)));
        tests.add(rawCloses("ws raw: fragmented ping frame", 1002, socket -> socket.frame(0x09, new byte[1], true)));
        tests.add(rawCloses("ws raw: continuation without a start", 1002,
                socket -> socket.frame(0x80, "{}".getBytes(StandardCharsets.UTF_8), true)));
        tests.add(rawCloses("ws raw: new text frame inside a fragmented one", 1002, socket -> {
            socket.frame(0x01, "{\"type\":".getBytes(StandardCharsets.UTF_8), true);
            socket.frame(0x81, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8), true);
        }));
        tests.add(rawCloses("ws raw: close frame with a 1-byte payload", 1002,
                socket -> socket.frame(0x88, new byte[] {3}, true)));
        tests.add(rawCloses("ws raw: close frame with code 999", 1002,
                socket -> socket.frame(0x88, new byte[] {0x03, (byte) 0xe7}, true)));
        tests.add(rawCloses("ws raw: close frame with a reason that is not UTF-8", 1007,
                socket -> socket.frame(0x88, new byte[] {0x03, (byte) 0xe8, (byte) 0xff, (byte) 0xfe}, true)));
        tests.add(dynamicTest("ws: the 100th subscription is accepted, the 101st refused, a replacement accepted", () -> {
            try (TestClient client = connect()) {
                for (int i = 0; i < 100; i++) {
                    client.send("{\"type\":\"subscribe\",\"subscription_id\":\"s" + i + "\",\"filters\":{" + NEVER + "}}");
                }
                for (int i = 0; i < 100; i++) {
                    assertThat(client.next().path("type").asText()).as("subscription " + i).isEqualTo("subscribed");
                }
                client.send("{\"type\":\"subscribe\",\"subscription_id\":\"s100\",\"filters\":{" + NEVER + "}}");
                JsonNode refused = client.next();
                assertThat(refused.path("code").asText()).as(refused.toString()).isEqualTo("SUBSCRIPTION_LIMIT");
                assertThat(refused.path("subscription_id").asText()).isEqualTo("s100");
                client.send("{\"type\":\"subscribe\",\"subscription_id\":\"s7\",\"filters\":{" + NEVER + "}}");
                assertThat(client.next().path("type").asText()).isEqualTo("subscribed");
            }
        }));
        corpusSizes.put("ws connection-level", tests.size());
        return tests.stream();
    }

    private void runWs(WsCase c, Executable send) throws Throwable {
        send.execute();
        String barrier = "barrier-" + ++barriers;
        offender.send("{\"type\":\"unsubscribe\",\"subscription_id\":\"" + barrier + "\"}");
        List<JsonNode> replies = new ArrayList<>();
        while (true) {
            JsonNode message = offender.next();
            if (message.path("type").asText().equals("error") && message.path("code").asText().equals("NOT_FOUND")
                    && barrier.equals(message.path("subscription_id").asText())) {
                break;
            }
            replies.add(message);
        }
        String input = "[" + c.name() + "] " + (c.text() == null ? "(binary)" : RawWire.abbreviate(c.text()));
        assertThat(replies).as("no event ever reaches the offending connection; input %s", input)
                .noneMatch(m -> m.path("type").asText().equals("event"));
        List<String> types = replies.stream().map(m -> m.path("type").asText()).toList();
        boolean documented = types.equals(c.replies())
                && (c.code() == null || c.code().equals(replies.get(0).path("code").asText()));
        if (c.knownBug() != null && !documented) {
            Assumptions.abort("[" + c.name() + "] KNOWN BUG (reported): " + c.knownBug() + "; got " + replies);
        }
        assertThat(types).as("replies to %s: %s", input, replies).isEqualTo(c.replies());
        if (c.code() != null) {
            JsonNode error = replies.get(0);
            assertThat(error.path("code").asText()).as("code for %s: %s", input, error).isEqualTo(c.code());
            assertThat(error.path("message").asText()).as("a readable message").isNotBlank();
            if (c.messageContains() != null) {
                assertThat(error.path("message").asText()).as("message for %s", input).contains(c.messageContains());
            }
        }
    }

    private DynamicTest closes(String name, int code, ClientAction action) {
        return dynamicTest(name, () -> {
            try (TestClient client = connect()) {
                action.accept(client);
                assertThat(client.awaitClose()).as(name).isEqualTo(code);
            }
        });
    }

    private DynamicTest closesWithEither(String name, int code, int orCode, ClientAction action) {
        return dynamicTest(name, () -> {
            try (TestClient client = connect()) {
                action.accept(client);
                assertThat(client.awaitClose()).as(name).isIn(code, orCode);
            }
        });
    }

    private DynamicTest rawCloses(String name, int code, RawAction action) {
        return dynamicTest(name, () -> {
            try (RawWire.WebSocket socket = new RawWire.WebSocket(server.port(), "/ws", List.of())) {
                assertThat(socket.upgrade().status()).isEqualTo(101);
                action.accept(socket);
                List<String> texts = new ArrayList<>();
                int closed = socket.awaitClose(texts);
                assertThat(closed).as("%s; text frames before the close: %s", name, texts).isEqualTo(code);
                assertThat(texts).as("only the welcome came before the close").hasSize(1);
                assertThat(texts.get(0)).contains("\"type\":\"welcome\"");
            }
        });
    }

    interface ClientAction {
        void accept(TestClient client) throws Exception;
    }

    interface RawAction {
        void accept(RawWire.WebSocket socket) throws Exception;
    }

    /** The generated WebSocket text corpus. */
    static final class WsCorpus {

        static final Map<String, byte[]> INVALID_UTF8 = new LinkedHashMap<>();

        static {
            INVALID_UTF8.put("0xFF", bytes(0xff));
            INVALID_UTF8.put("0xFE", bytes(0xfe));
            INVALID_UTF8.put("lone continuation 0x80", bytes(0x80));
            INVALID_UTF8.put("overlong '/' C0 AF", bytes(0xc0, 0xaf));
            INVALID_UTF8.put("overlong 3-byte E0 80 AF", bytes(0xe0, 0x80, 0xaf));
            INVALID_UTF8.put("encoded surrogate ED A0 80", bytes(0xed, 0xa0, 0x80));
            INVALID_UTF8.put("beyond U+10FFFF F4 90 80 80", bytes(0xf4, 0x90, 0x80, 0x80));
            INVALID_UTF8.put("5-byte form F8 88 80 80 80", bytes(0xf8, 0x88, 0x80, 0x80, 0x80));
            INVALID_UTF8.put("truncated E2 82", bytes(0xe2, 0x82));
            INVALID_UTF8.put("Latin-1 e-acute E9", bytes(0xe9));
        }

        static List<WsCase> all() {
            List<WsCase> cases = new ArrayList<>();
            validBaselines(cases);
            truncations(cases);
            wrongTypes(cases);
            missingFields(cases);
            unknownValues(cases);
            badUuids(cases);
            numbers(cases);
            nesting(cases);
            lengths(cases);
            controlCharacters(cases);
            surrogates(cases);
            emptyAndScalars(cases);
            duplicatesAndGarbage(cases);
            return cases;
        }

        static final String SUBSCRIBE = "{\"type\":\"subscribe\",\"subscription_id\":\"trunc\",\"filters\":{"
                + "\"event_types\":[\"incident_created\"],\"severities\":[\"P0\"],\"states\":[\"Detected\"],"
                + NEVER + ",\"affected_resources\":[\"db\"],\"labels\":{\"team\":\"x\"},"
                + "\"incident_ids\":[\"" + UUID_A + "\"]},\"since\":0,\"epoch\":\"e\",\"snapshot\":false}";
        static final String PING = "{\"type\":\"ping\",\"timestamp\":\"corpus-1700000000\"}";
        static final String ACK = "{\"type\":\"ack\",\"message_id\":\"" + UUID_B + "\"}";
        static final String UNSUBSCRIBE = "{\"type\":\"unsubscribe\",\"subscription_id\":\"trunc\"}";
        static final String REFRESH = "{\"type\":\"refresh\",\"token\":\"t\"}";

        private static void validBaselines(List<WsCase> cases) {
            cases.add(WsCase.reply("valid subscribe with every field", SUBSCRIBE, "subscribed"));
            cases.add(WsCase.reply("valid ping", PING, "pong"));
            cases.add(WsCase.reply("valid ack", ACK));
            cases.add(WsCase.reply("valid unsubscribe", UNSUBSCRIBE, "unsubscribed"));
            cases.add(WsCase.reply("unsubscribe again", UNSUBSCRIBE, "error"));
            cases.add(WsCase.reply("refresh on an open server", REFRESH, "refreshed"));
            cases.add(WsCase.reply("subscribe with a snapshot", "{\"type\":\"subscribe\",\"subscription_id\":\"ok\","
                    + "\"filters\":{" + NEVER + "},\"snapshot\":true}", "subscribed", "snapshot"));
            cases.add(WsCase.reply("unknown fields are ignored outside filters", "{\"type\":\"ping\",\"extra\":{\"a\":[1,2]},"
                    + "\"timestamp\":\"x\"}", "pong"));
            cases.add(WsCase.reply("null fields count as absent", "{\"type\":\"subscribe\",\"subscription_id\":\"ok\","
                    + "\"filters\":{" + NEVER + ",\"severities\":null},\"since\":null,\"epoch\":null,\"snapshot\":null}",
                    "subscribed"));
            cases.add(WsCase.reply("whitespace around the document", " \t\r\n" + PING + " \n\t ", "pong"));
        }

        private static void truncations(List<WsCase> cases) {
            for (String message : List.of(SUBSCRIBE, PING, ACK, UNSUBSCRIBE, REFRESH)) {
                String kind = message.substring(9, message.indexOf('"', 9));
                for (int length = 0; length < message.length(); length++) {
                    cases.add(WsCase.invalid(kind + " truncated to " + length + " chars", message.substring(0, length),
                            length == 0 ? "empty" : null));
                }
            }
        }

        /** JSON values of the wrong type for each kind of field: (raw JSON, what to append to the field's path). */
        private static void wrongTypes(List<WsCase> cases) {
            String sub = "{\"type\":\"subscribe\",\"subscription_id\":\"wt\",\"filters\":{" + NEVER + "}";
            for (String wrong : List.of("1", "1.5", "true", "[]", "{}", "[\"wt\"]")) {
                cases.add(WsCase.invalid("subscription_id = " + wrong, "{\"type\":\"subscribe\",\"subscription_id\":" + wrong
                        + "}", "subscription_id must be a string"));
                cases.add(WsCase.invalid("unsubscribe subscription_id = " + wrong, "{\"type\":\"unsubscribe\","
                        + "\"subscription_id\":" + wrong + "}", "subscription_id must be a string"));
                cases.add(WsCase.invalid("ack message_id = " + wrong, "{\"type\":\"ack\",\"message_id\":" + wrong + "}",
                        "message_id must be a"));
                cases.add(WsCase.invalid("refresh token = " + wrong, "{\"type\":\"refresh\",\"token\":" + wrong + "}",
                        "token must be a string"));
                cases.add(WsCase.invalid("type = " + wrong, "{\"type\":" + wrong + "}", "type must be a string"));
            }
            for (String wrong : List.of("\"x\"", "1", "true", "[]", "[{}]")) {
                cases.add(WsCase.invalid("filters = " + wrong, "{\"type\":\"subscribe\",\"subscription_id\":\"wt\","
                        + "\"filters\":" + wrong + "}", "filters must be a JSON object"));
            }
            for (String wrong : List.of("\"5\"", "1.5", "1.0", "true", "[]", "{}", "-1", "9223372036854775808",
                    "-9223372036854775809", "1e400", "1e2")) {
                cases.add(WsCase.invalid("since = " + wrong, sub + ",\"since\":" + wrong + ",\"epoch\":\"e\"}", "since"));
            }
            for (String wrong : List.of("1", "true", "[]", "{}")) {
                cases.add(WsCase.invalid("epoch = " + wrong, sub + ",\"since\":0,\"epoch\":" + wrong + "}",
                        "epoch must be a string"));
            }
            for (String wrong : List.of("\"true\"", "1", "0", "[]", "{}", "\"yes\"")) {
                cases.add(WsCase.invalid("snapshot = " + wrong, sub + ",\"snapshot\":" + wrong + "}",
                        "snapshot must be a boolean"));
            }
            for (String key : List.of("event_types", "severities", "states", "sources", "affected_resources",
                    "incident_ids")) {
                for (String[] wrong : new String[][] {{"\"x\"", ""}, {"1", ""}, {"true", ""}, {"{}", ""}, {"[1]", "[0]"},
                        {"[true]", "[0]"}, {"[null]", "[0]"}, {"[[]]", "[0]"}, {"[{}]", "[0]"}}) {
                    cases.add(WsCase.invalid("filters." + key + " = " + wrong[0], "{\"type\":\"subscribe\","
                            + "\"subscription_id\":\"wt\",\"filters\":{\"" + key + "\":" + wrong[0] + "}}",
                            "filters." + key + wrong[1] + " must be"));
                }
            }
            for (String[] wrong : new String[][] {{"\"x\"", ""}, {"1", ""}, {"[]", ""}, {"[\"a\"]", ""},
                    {"{\"k\":1}", ".k"}, {"{\"k\":true}", ".k"}, {"{\"k\":[]}", ".k"}, {"{\"k\":{}}", ".k"},
                    {"{\"k\":null}", ".k"}}) {
                cases.add(WsCase.invalid("filters.labels = " + wrong[0], "{\"type\":\"subscribe\",\"subscription_id\":\"wt\","
                        + "\"filters\":{\"labels\":" + wrong[0] + "}}", "filters.labels" + wrong[1] + " must be"));
            }
            for (String wrong : List.of("true", "false", "{}", "[]", "[1]", "{\"t\":1}")) {
                cases.add(WsCase.invalid("ping timestamp = " + wrong, "{\"type\":\"ping\",\"timestamp\":" + wrong + "}",
                        "timestamp must be a string or a number"));
            }
        }

        private static void missingFields(List<WsCase> cases) {
            cases.add(WsCase.invalid("no type", "{\"subscription_id\":\"s\"}", "missing required field 'type'"));
            cases.add(WsCase.invalid("type null", "{\"type\":null}", "missing required field 'type'"));
            cases.add(WsCase.invalid("subscribe without subscription_id", "{\"type\":\"subscribe\",\"filters\":{}}",
                    "missing required field 'subscription_id'"));
            cases.add(WsCase.invalid("subscribe with subscription_id null",
                    "{\"type\":\"subscribe\",\"subscription_id\":null}",
                    "missing required field 'subscription_id'"));
            cases.add(WsCase.invalid("unsubscribe without subscription_id", "{\"type\":\"unsubscribe\"}",
                    "missing required field 'subscription_id'"));
            cases.add(WsCase.invalid("ack without message_id", "{\"type\":\"ack\"}", "missing required field 'message_id'"));
            cases.add(WsCase.invalid("refresh without token", "{\"type\":\"refresh\"}", "missing required field 'token'"));
            cases.add(WsCase.invalid("since without epoch", "{\"type\":\"subscribe\",\"subscription_id\":\"s\",\"since\":5}",
                    "'since' and 'epoch' go together"));
            cases.add(WsCase.invalid("epoch without since",
                    "{\"type\":\"subscribe\",\"subscription_id\":\"s\",\"epoch\":\"e\"}",
                    "'since' and 'epoch' go together"));
        }

        private static void unknownValues(List<WsCase> cases) {
            for (String type : List.of("", "Subscribe", "SUBSCRIBE", " subscribe", "subscribe ", "sub", "hello", "event",
                    "welcome", "pong", "subscribed", "subscribe\\u0000", "ping\\n", "unsubscribe_all", "Ping")) {
                cases.add(WsCase.invalid("unknown type '" + type + "'", "{\"type\":\"" + type + "\"}",
                        "unknown message type"));
            }
            Map<String, List<String>> enums = Map.of(
                    "severities", List.of("p0", "P5", "", "P 0", "critical", "P00", "P0 ", "High"),
                    "states", List.of("detected", "Open", "Resolved ", "DETECTED", "active", "closed"),
                    "event_types", List.of("Incident_Created", "incident-created", "incident_deleted", "", "IncidentCreated",
                            "event", "incident_created "));
            enums.forEach((key, values) -> values.forEach(value -> cases.add(WsCase.invalid("filters." + key + " has '"
                    + value + "'", "{\"type\":\"subscribe\",\"subscription_id\":\"s\",\"filters\":{\"" + key + "\":[\""
                    + value + "\"]}}", "filters." + key + "[0] has unknown value"))));
            for (String key : List.of("severity", "Severities", "event_type", "incident_id", "label", "source", "priority",
                    "", "states ", "types")) {
                cases.add(WsCase.invalid("unknown filter key '" + key + "'",
                        "{\"type\":\"subscribe\",\"subscription_id\":\"s\","
                        + "\"filters\":{\"" + key + "\":[]}}", "unknown filter key"));
            }
        }

        static final List<String> BAD_UUIDS = List.of("", "abc", "3f8a1c2e9b4d4e6f8a7b1c2d3e4f5a6b",
                "3f8a1c2e-9b4d-4e6f-8a7b-1c2d3e4f5a6", "3f8a1c2e-9b4d-4e6f-8a7b-1c2d3e4f5a6bb",
                "{3f8a1c2e-9b4d-4e6f-8a7b-1c2d3e4f5a6b}", "urn:uuid:3f8a1c2e-9b4d-4e6f-8a7b-1c2d3e4f5a6b",
                "3f8a1c2e-9b4d-4e6f-8a7b-1c2d3e4f5a6g", " 3f8a1c2e-9b4d-4e6f-8a7b-1c2d3e4f5a6b",
                "3f8a1c2e-9b4d-4e6f-8a7b_1c2d3e4f5a6b", "3f8a1c2e-9b4d-4e6f-8a7b-1c2d3e4f5a6b\\n", "-1");

        private static void badUuids(List<WsCase> cases) {
            for (String bad : BAD_UUIDS) {
                cases.add(WsCase.invalid("ack message_id '" + bad + "'", "{\"type\":\"ack\",\"message_id\":\"" + bad + "\"}",
                        "message_id must be a UUID"));
                cases.add(WsCase.invalid("filters.incident_ids has '" + bad + "'", "{\"type\":\"subscribe\","
                        + "\"subscription_id\":\"s\",\"filters\":{\"incident_ids\":[\"" + UUID_A + "\",\"" + bad + "\"]}}",
                        "filters.incident_ids[1] must be a UUID"));
            }
            cases.add(WsCase.reply("ack with an upper-case UUID", "{\"type\":\"ack\",\"message_id\":\""
                    + UUID_B.toUpperCase() + "\"}"));
            cases.add(WsCase.reply("filters.incident_ids upper case", "{\"type\":\"subscribe\",\"subscription_id\":\"ok\","
                    + "\"filters\":{" + NEVER + ",\"incident_ids\":[\"" + UUID_A.toUpperCase() + "\"]}}", "subscribed"));
        }

        private static void numbers(List<WsCase> cases) {
            String sub = "{\"type\":\"subscribe\",\"subscription_id\":\"ok\",\"filters\":{" + NEVER + "}";
            cases.add(WsCase.reply("since = Long.MAX_VALUE", sub + ",\"since\":9223372036854775807,\"epoch\":\"e\"}",
                    "subscribed"));
            cases.add(WsCase.reply("since = 0", sub + ",\"since\":0,\"epoch\":\"e\"}", "subscribed"));
            for (String ok : List.of("1e308", "-1e308", "123456789012345678901234567890", "-0", "0.1", "1e-400", "0")) {
                cases.add(WsCase.reply("ping timestamp " + ok, "{\"type\":\"ping\",\"timestamp\":" + ok + "}", "pong"));
            }
            for (String huge : List.of("1e400", "-1e400", "1.7976931348623159e308")) {
                cases.add(WsCase.invalid("ping timestamp " + huge, "{\"type\":\"ping\",\"timestamp\":" + huge + "}",
                        "timestamp must be a finite number"));
            }
            for (String token : List.of("NaN", "Infinity", "-Infinity", "+Infinity", "+1", "01", ".5", "1.", "0x1F", "1e",
                    "--1", "-", "1e+", "nan", "undefined", "1_000")) {
                cases.add(WsCase.invalid("ping timestamp token " + token, "{\"type\":\"ping\",\"timestamp\":" + token + "}",
                        "not valid JSON"));
                cases.add(WsCase.invalid("since token " + token, sub + ",\"since\":" + token + ",\"epoch\":\"e\"}",
                        "not valid JSON"));
            }
        }

        private static void nesting(List<WsCase> cases) {
            // The root object is level 1, so k nested containers inside it make a document k + 1 deep.
            cases.add(WsCase.reply("arrays nested to depth 32", "{\"type\":\"ping\",\"x\":" + arrays(31) + "}", "pong"));
            cases.add(WsCase.invalid("arrays nested to depth 33", "{\"type\":\"ping\",\"x\":" + arrays(32) + "}",
                    "nesting depth"));
            cases.add(WsCase.reply("objects nested to depth 32", "{\"type\":\"ping\",\"x\":" + objects(31) + "}", "pong"));
            cases.add(WsCase.invalid("objects nested to depth 33", "{\"type\":\"ping\",\"x\":" + objects(32) + "}",
                    "nesting depth"));
            cases.add(WsCase.invalid("arrays nested to depth 1000", "{\"type\":\"ping\",\"x\":" + arrays(999) + "}",
                    "nesting depth"));
            cases.add(WsCase.invalid("arrays nested to depth 30000", "{\"type\":\"ping\",\"x\":" + arrays(29_999) + "}",
                    "nesting depth"));
            cases.add(WsCase.invalid("30000 unclosed arrays", "[".repeat(30_000), null));
            cases.add(WsCase.invalid("30000 unclosed objects", "{\"a\":".repeat(10_000), null));
            cases.add(WsCase.invalid("a top-level array 33 deep", arrays(33), null));
            cases.add(WsCase.invalid("deep value inside filters.labels", "{\"type\":\"subscribe\",\"subscription_id\":\"s\","
                    + "\"filters\":{\"labels\":{\"k\":" + objects(20) + "}}}", "filters.labels.k must be a string"));
            cases.add(WsCase.invalid("deep value inside filters.sources", "{\"type\":\"subscribe\",\"subscription_id\":\"s\","
                    + "\"filters\":{\"sources\":" + arrays(20) + "}}", "filters.sources[0] must be a string"));
        }

        private static void lengths(List<WsCase> cases) {
            String filters = ",\"filters\":{" + NEVER + "}}";
            cases.add(WsCase.reply("subscription_id of 128 chars", "{\"type\":\"subscribe\",\"subscription_id\":\""
                    + "i".repeat(128) + "\"" + filters, "subscribed"));
            cases.add(WsCase.invalid("subscription_id of 129 chars", "{\"type\":\"subscribe\",\"subscription_id\":\""
                    + "i".repeat(129) + "\"" + filters, "subscription_id must be 1 to 128 characters long"));
            cases.add(WsCase.invalid("subscription_id of 10000 chars", "{\"type\":\"subscribe\",\"subscription_id\":\""
                    + "i".repeat(10_000) + "\"" + filters, "subscription_id must be 1 to 128 characters long"));
            cases.add(WsCase.invalid("empty subscription_id", "{\"type\":\"subscribe\",\"subscription_id\":\"\"" + filters,
                    "subscription_id must be 1 to 128 characters long"));
            cases.add(WsCase.reply("subscription_id of 128 e-acutes", "{\"type\":\"subscribe\",\"subscription_id\":\""
                    + "\u00e9".repeat(128) + "\"" + filters, "subscribed"));
            cases.add(WsCase.invalid("subscription_id of 129 e-acutes", "{\"type\":\"subscribe\",\"subscription_id\":\""
                    + "\u00e9".repeat(129) + "\"" + filters, "subscription_id must be 1 to 128"));
            cases.add(WsCase.reply("subscription_id of 64 emoji", "{\"type\":\"subscribe\",\"subscription_id\":\""
                    + "\ud83d\ude00".repeat(64) + "\"" + filters, "subscribed"));
            cases.add(WsCase.reply("subscription_id of 65 emoji (65 characters)",
                    "{\"type\":\"subscribe\",\"subscription_id\":\""
                    + "\ud83d\ude00".repeat(65) + "\"" + filters, "subscribed"));
            cases.add(WsCase.invalid("unsubscribe subscription_id of 129 chars",
                    "{\"type\":\"unsubscribe\",\"subscription_id\":\""
                    + "i".repeat(129) + "\"}", "subscription_id must be 1 to 128"));
            cases.add(WsCase.reply("ping timestamp of 60000 chars", "{\"type\":\"ping\",\"timestamp\":\"" + "t".repeat(60_000)
                    + "\"}", "pong"));
            cases.add(WsCase.reply("a filter value of 10000 chars", "{\"type\":\"subscribe\",\"subscription_id\":\"ok\","
                    + "\"filters\":{\"sources\":[\"" + "s".repeat(10_000) + "\"]}}", "subscribed"));
            cases.add(WsCase.reply("a filter list of 100 values", "{\"type\":\"subscribe\",\"subscription_id\":\"ok\","
                    + "\"filters\":{\"sources\":" + values(100) + "}}", "subscribed"));
            cases.add(WsCase.error("a filter list of 101 values", "{\"type\":\"subscribe\",\"subscription_id\":\"ok\","
                    + "\"filters\":{\"sources\":" + values(101) + "}}", "SUBSCRIPTION_LIMIT"));
            cases.add(WsCase.reply("labels with 100 pairs", "{\"type\":\"subscribe\",\"subscription_id\":\"ok\","
                    + "\"filters\":{" + NEVER + ",\"labels\":" + labels(100) + "}}", "subscribed"));
            cases.add(WsCase.error("labels with 101 pairs", "{\"type\":\"subscribe\",\"subscription_id\":\"ok\","
                    + "\"filters\":{" + NEVER + ",\"labels\":" + labels(101) + "}}", "SUBSCRIPTION_LIMIT"));
        }

        private static void controlCharacters(List<WsCase> cases) {
            for (char c = 0; c < 0x20; c++) {
                cases.add(WsCase.invalid(String.format("raw U+%04X inside a string", (int) c), "{\"type\":\"ping\","
                        + "\"timestamp\":\"a" + c + "b\"}", "not valid JSON"));
                if (c != '\t' && c != '\n' && c != '\r') {
                    cases.add(WsCase.invalid(String.format("raw U+%04X between tokens", (int) c), "{\"type\":\"ping\"" + c
                            + "}", "not valid JSON"));
                }
            }
            cases.add(WsCase.invalid("raw U+007F between tokens", "{\"type\":\"ping\"\u007f}", "not valid JSON"));
            cases.add(WsCase.reply("raw U+007F inside a string", "{\"type\":\"ping\",\"timestamp\":\"a\u007fb\"}", "pong"));
            cases.add(WsCase.reply("raw U+0085 inside a string", "{\"type\":\"ping\",\"timestamp\":\"a\u0085b\"}", "pong"));
            cases.add(WsCase.reply("escaped NUL inside a string", "{\"type\":\"ping\",\"timestamp\":\"a\\u0000b\"}", "pong"));
            cases.add(WsCase.reply("escaped NUL in a subscription_id", "{\"type\":\"subscribe\",\"subscription_id\":"
                    + "\"a\\u0000b\",\"filters\":{" + NEVER + "}}", "subscribed"));
            for (String escape : List.of("\\x41", "\\u12", "\\uZZZZ", "\\a", "\\", "\\U0041", "\\'")) {
                cases.add(WsCase.invalid("bad escape " + escape, "{\"type\":\"ping\",\"timestamp\":\"" + escape + "\"}",
                        "not valid JSON"));
            }
        }

        private static void surrogates(List<WsCase> cases) {
            for (String lone : List.of("\\ud800", "\\udfff", "a\\ud800", "\\ud800b", "\\udc00\\ud800", "\\ud800\\ud800",
                    "\\udbff")) {
                cases.add(WsCase.invalid("subscription_id with " + lone, "{\"type\":\"subscribe\",\"subscription_id\":\""
                        + lone + "\",\"filters\":{" + NEVER + "}}", "unpaired surrogate"));
                cases.add(WsCase.invalid("unsubscribe subscription_id with " + lone, "{\"type\":\"unsubscribe\","
                        + "\"subscription_id\":\"" + lone + "\"}", "unpaired surrogate"));
            }
            cases.add(WsCase.reply("subscription_id with a valid pair", "{\"type\":\"subscribe\",\"subscription_id\":"
                    + "\"\\ud83d\\ude00\",\"filters\":{" + NEVER + "}}", "subscribed"));
            cases.add(WsCase.reply("ping timestamp with a lone surrogate (echoed as an escape)",
                    "{\"type\":\"ping\",\"timestamp\":\"\\ud800\"}", "pong"));
            cases.add(WsCase.invalid("type with a lone surrogate", "{\"type\":\"\\ud800\"}", "unknown message type"));
            cases.add(WsCase.reply("a filter source with a lone surrogate", "{\"type\":\"subscribe\",\"subscription_id\":"
                    + "\"ok\",\"filters\":{\"sources\":[\"\\udbff\"]}}", "subscribed"));
        }

        private static void emptyAndScalars(List<WsCase> cases) {
            for (String empty : List.of("", " ", "\n", "\t\r\n ", "    \n\n")) {
                cases.add(WsCase.invalid("whitespace only (" + empty.length() + " chars)", empty, "empty"));
            }
            for (String scalar : List.of("null", "true", "false", "1", "-1.5", "\"ping\"", "[]", "[{\"type\":\"ping\"}]",
                    "[\"ping\"]")) {
                cases.add(WsCase.invalid("not an object: " + scalar, scalar, "must be a JSON object"));
            }
        }

        private static void duplicatesAndGarbage(List<WsCase> cases) {
            for (String duplicate : List.of("{\"type\":\"ping\",\"type\":\"ping\"}",
                    "{\"type\":\"ping\",\"timestamp\":1,\"timestamp\":2}",
                    "{\"type\":\"subscribe\",\"subscription_id\":\"a\",\"subscription_id\":\"b\"}",
                    "{\"type\":\"subscribe\",\"subscription_id\":\"a\",\"filters\":{\"sources\":[],\"sources\":[]}}",
                    "{\"type\":\"subscribe\",\"subscription_id\":\"a\",\"filters\":{\"labels\":{\"k\":\"1\",\"k\":\"2\"}}}",
                    "{\"type\":\"ping\",\"x\":{\"a\":1,\"a\":1}}")) {
                cases.add(WsCase.invalid("duplicate key: " + duplicate, duplicate, "Duplicate field"));
            }
            for (String garbage : List.of(" x", "}", "]", "{\"type\":\"ping\"}", " {\"type\":\"ping\"}", ",", "//c",
                    "/*c*/", " null", " 1", "\u0000", "\"", "\u00a0")) {
                cases.add(WsCase.invalid("trailing " + visible(garbage), PING + garbage, "not valid JSON"));
            }
            for (String garbage : List.of("x", ",", "\ufeff", "\u00a0", ")]}'\n", "/*c*/")) {
                cases.add(WsCase.invalid("leading " + visible(garbage), garbage + PING, "not valid JSON"));
            }
            for (String broken : List.of("{'type':'ping'}", "{type:\"ping\"}", "{\"type\":\"ping\",}",
                    "{/*c*/\"type\":\"ping\"}", "{\"type\" \"ping\"}", "{\"type\":\"ping\" \"timestamp\":1}",
                    "{\"type\":\"ping\",,\"timestamp\":1}", "{\"type\":'ping'}", "{\"type\":\"ping\"", "{\"type\"}",
                    "{:\"ping\"}", "{\"type\":\"subscribe\",\"subscription_id\":\"s\",\"filters\":{\"sources\":[\"a\",]}}",
                    "{\"type\":\"ping\"}\u2028", "{\"type\":\"pi\nng\"}", "{\"type\":\"ping\",\"timestamp\":True}",
                    "{\"type\":\"ping\",\"timestamp\":NULL}")) {
                cases.add(WsCase.invalid("malformed: " + visible(broken), broken, "not valid JSON"));
            }
        }

        static String arrays(int depth) {
            return "[".repeat(depth) + "]".repeat(depth);
        }

        static String objects(int depth) {
            return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
        }

        private static String values(int count) {
            StringBuilder list = new StringBuilder("[");
            for (int i = 0; i < count; i++) {
                list.append(i == 0 ? "" : ",").append("\"never-").append(i).append('"');
            }
            return list.append(']').toString();
        }

        private static String labels(int count) {
            StringBuilder map = new StringBuilder("{");
            for (int i = 0; i < count; i++) {
                map.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
            }
            return map.append('}').toString();
        }
    }

    // =============================================================================================
    // HTTP
    // =============================================================================================

    /**
     * One request and what the docs promise for it: the status, the error code (null for a success),
     * the field path in {@code details.field} (null: not checked), and for a success
     * how many events it publishes.
     */
    record HttpCase(String name, String head, List<String> headers, byte[] body, int status, String code, String field,
                    int published, String knownBug) {

        HttpCase knownBug(String description) {
            return new HttpCase(name, head, headers, body, status, code, field, published, description);
        }
    }

    @TestFactory
    @Order(4)
    Stream<DynamicTest> httpRequests() {
        List<HttpCase> cases = HttpCorpus.all();
        corpusSizes.put("http", cases.size() + 1);
        return Stream.concat(cases.stream().map(c -> dynamicTest("http: " + c.name(), () -> runHttp(c))),
                Stream.of(dynamicTest("http: an event of exactly max_event_bytes is accepted, one byte more refused",
                        this::eventSizeBoundary)));
    }

    private void runHttp(HttpCase c) throws Exception {
        RawWire.Response response = RawWire.request(server.port(), c.head(), c.headers(), c.body());
        long now = stats().path("last_seq").asLong();
        long published = now - lastSeq;
        for (long seq = lastSeq + 1; seq <= now; seq++) {
            acceptedSeqs.add(seq);
        }
        lastSeq = now;
        String input = "[" + c.name() + "] " + c.head() + " " + (c.body() == null ? "" : RawWire.abbreviate(
                new String(c.body(), StandardCharsets.UTF_8)));
        boolean documented = response.status() == c.status() && (c.code() == null || isEnvelope(response, c.code()));
        if (c.knownBug() != null && !documented) {
            Assumptions.abort("[" + c.name() + "] KNOWN BUG (reported): " + c.knownBug() + "; got " + response);
        }
        assertThat(response.status()).as("status for %s: %s", input, response).isEqualTo(c.status());
        if (c.code() == null) {
            assertThat(published).as("events published by %s", input).isEqualTo(c.published());
            return;
        }
        assertThat(published).as("a refused request publishes nothing: %s", input).isZero();
        assertThat(response.header("Content-Type")).as("content type of %s", response).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.size()).as("only the envelope: %s", body).isEqualTo(1);
        JsonNode error = body.path("error");
        assertThat(error.isObject()).as("the error envelope: %s", body).isTrue();
        assertThat(error.path("message").isTextual() && !error.path("message").asText().isBlank())
                .as("a message in %s", body).isTrue();
        assertThat(error.has("details") && (error.get("details").isNull() || error.get("details").isObject()))
                .as("details null or an object in %s", body).isTrue();
        assertThat(error.path("code").asText()).as("code for %s: %s", input, body).isEqualTo(c.code());
        if (c.field() != null && c.code().equals("EVENT_TOO_LARGE")) {
            assertThat(error.path("details").path("index").asText()).as("index for %s: %s", input, body)
                    .isEqualTo(c.field());
        } else if (c.field() != null) {
            assertThat(error.path("details").path("field").asText(null)).as("field for %s: %s", input, body)
                    .isEqualTo(c.field());
        }
        if (c.status() == 405) {
            assertThat(response.header("Allow")).as("Allow header").isNotBlank();
        }
        if (c.status() == 401) {
            assertThat(response.header("WWW-Authenticate")).as("WWW-Authenticate").startsWith("Bearer");
        }
    }

    private static boolean isEnvelope(RawWire.Response response, String code) {
        try {
            JsonNode error = response.json().path("error");
            return error.isObject() && code.equals(error.path("code").asText());
        } catch (AssertionError notJson) {
            return false;
        }
    }

    /** The size that counts is the event as subscribers get it: measured once from a refusal, then met exactly. */
    private void eventSizeBoundary() throws Exception {
        int probe = 300_000;
        RawWire.Response tooLarge = post("/api/v1/incidents", HttpCorpus.fixedIncident("x".repeat(probe)));
        assertThat(tooLarge.status()).isEqualTo(413);
        JsonNode details = tooLarge.json().path("error").path("details");
        assertThat(tooLarge.json().path("error").path("code").asText()).isEqualTo("EVENT_TOO_LARGE");
        assertThat(details.path("max_event_bytes").asInt()).isEqualTo(MAX_EVENT_BYTES);
        assertThat(details.path("index").asInt()).isZero();
        int exact = probe - (details.path("size_bytes").asInt() - MAX_EVENT_BYTES);

        RawWire.Response over = post("/api/v1/incidents", HttpCorpus.fixedIncident("x".repeat(exact + 1)));
        assertThat(over.status()).as(over.toString()).isEqualTo(413);
        assertThat(over.json().path("error").path("details").path("size_bytes").asInt()).isEqualTo(MAX_EVENT_BYTES + 1);
        assertThat(stats().path("last_seq").asLong()).as("nothing published").isEqualTo(lastSeq);

        RawWire.Response fits = post("/api/v1/incidents", HttpCorpus.fixedIncident("x".repeat(exact)));
        assertThat(fits.status()).as(fits.toString()).isEqualTo(202);
        assertThat(stats().path("last_seq").asLong()).isEqualTo(lastSeq + 1);
        acceptedSeqs.add(++lastSeq);
    }

    /** The generated HTTP corpus. */
    static final class HttpCorpus {

        static final List<String> JSON_HEADERS = List.of("Authorization: Bearer " + KEY, "Content-Type: application/json");

        static List<HttpCase> all() {
            List<HttpCase> cases = new ArrayList<>();
            validBaselines(cases);
            truncations(cases);
            wrongTypes(cases);
            missingFields(cases);
            unknownValues(cases);
            badUuids(cases);
            numbers(cases);
            nesting(cases);
            lengths(cases);
            controlCharacters(cases);
            encodings(cases);
            emptyAndScalars(cases);
            contentTypes(cases);
            duplicatesAndGarbage(cases);
            wrongShapes(cases);
            batches(cases);
            sizes(cases);
            queries(cases);
            methodsAndPaths(cases);
            credentials(cases);
            return cases;
        }

        // ---- documents ----

        /** A JSON object as field name to raw JSON value, in order; rendered compactly. */
        static final class Doc {
            final LinkedHashMap<String, String> fields = new LinkedHashMap<>();

            Doc put(String name, String rawJson) {
                fields.put(name, rawJson);
                return this;
            }

            Doc with(String name, String rawJson) {
                Doc copy = copy();
                copy.fields.put(name, rawJson);
                return copy;
            }

            Doc without(String name) {
                Doc copy = copy();
                copy.fields.remove(name);
                return copy;
            }

            Doc copy() {
                Doc copy = new Doc();
                copy.fields.putAll(fields);
                return copy;
            }

            @Override
            public String toString() {
                StringBuilder json = new StringBuilder("{");
                fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name)
                        .append("\":").append(value));
                return json.append('}').toString();
            }
        }

        enum Kind { STRING, ENUM, UUID, TIME, STRINGS, UUIDS, STRING_MAP, OBJECT, OBJECTS, NUMBER, BOOL, INT }

        /** Values of the wrong type for a kind: {raw JSON, suffix of the path the error names}. */
        static List<String[]> wrong(Kind kind) {
            return switch (kind) {
                case STRING -> List.of(new String[] {"1", ""}, new String[] {"true", ""}, new String[] {"[]", ""},
                        new String[] {"{}", ""}, new String[] {"1.5", ""});
                case ENUM -> List.of(new String[] {"1", ""}, new String[] {"true", ""}, new String[] {"[]", ""},
                        new String[] {"{}", ""}, new String[] {"[\"P1\"]", ""});
                case UUID -> List.of(new String[] {"1", ""}, new String[] {"true", ""}, new String[] {"[]", ""},
                        new String[] {"{}", ""}, new String[] {"\"not-a-uuid\"", ""});
                case TIME -> List.of(new String[] {"1", ""}, new String[] {"1700000000000", ""}, new String[] {"true", ""},
                        new String[] {"[]", ""}, new String[] {"\"yesterday\"", ""},
                        new String[] {"\"2026-01-01T00:00:00\"", ""}, new String[] {"\"2026-01-01\"", ""},
                        new String[] {"\"2026-02-30T00:00:00Z\"", ""}, new String[] {"\"2026-01-01 00:00:00Z\"", ""});
                case STRINGS -> List.of(new String[] {"\"x\"", ""}, new String[] {"1", ""}, new String[] {"{}", ""},
                        new String[] {"[1]", "[0]"}, new String[] {"[\"a\",true]", "[1]"}, new String[] {"[null]", "[0]"},
                        new String[] {"[[]]", "[0]"}, new String[] {"[{}]", "[0]"});
                case UUIDS -> List.of(new String[] {"\"x\"", ""}, new String[] {"1", ""}, new String[] {"{}", ""},
                        new String[] {"[1]", "[0]"}, new String[] {"[\"nope\"]", "[0]"});
                case STRING_MAP -> List.of(new String[] {"\"x\"", ""}, new String[] {"1", ""}, new String[] {"[]", ""},
                        new String[] {"true", ""}, new String[] {"{\"k\":1}", ".k"}, new String[] {"{\"k\":true}", ".k"},
                        new String[] {"{\"k\":[]}", ".k"}, new String[] {"{\"k\":{}}", ".k"},
                        new String[] {"{\"k\":null}", ".k"});
                case OBJECT -> List.of(new String[] {"\"x\"", ""}, new String[] {"1", ""}, new String[] {"[]", ""},
                        new String[] {"true", ""});
                case OBJECTS -> List.of(new String[] {"\"x\"", ""}, new String[] {"1", ""}, new String[] {"{}", ""},
                        new String[] {"[1]", "[0]"}, new String[] {"[\"x\"]", "[0]"}, new String[] {"[[]]", "[0]"});
                case NUMBER -> List.of(new String[] {"\"1\"", ""}, new String[] {"true", ""}, new String[] {"[]", ""},
                        new String[] {"{}", ""});
                case BOOL -> List.of(new String[] {"\"true\"", ""}, new String[] {"1", ""}, new String[] {"0", ""},
                        new String[] {"[]", ""}, new String[] {"{}", ""}, new String[] {"\"false\"", ""});
                case INT -> List.of(new String[] {"\"1\"", ""}, new String[] {"1.5", ""}, new String[] {"1.0", ""},
                        new String[] {"true", ""}, new String[] {"[]", ""}, new String[] {"{}", ""},
                        new String[] {"-1", ""}, new String[] {"2147483648", ""}, new String[] {"1e2", ""},
                        new String[] {"99999999999999999999999", ""});
            };
        }

        static Doc resolution() {
            return new Doc().put("resolution_method", "\"Manual\"").put("resolved_at", "\"2026-01-01T00:00:00Z\"")
                    .put("resolved_by", "\"ann\"").put("root_cause", "\"disk\"").put("notes", "\"fixed\"");
        }

        static Doc timelineEntry() {
            return new Doc().put("timestamp", "\"2026-01-01T00:00:00Z\"").put("event_type", "\"note\"")
                    .put("actor", "\"ann\"").put("description", "\"d\"").put("metadata", "{\"any\":[1,{\"x\":null}]}");
        }

        static Doc note() {
            return new Doc().put("id", "\"" + UUID_B + "\"").put("author", "\"ann\"").put("content", "\"c\"")
                    .put("created_at", "\"2026-01-01T00:00:00+02:00\"");
        }

        /** Every field of an incident, valid. */
        static Doc incident() {
            return new Doc().put("id", "\"" + UUID_A + "\"").put("created_at", "\"2026-01-01T00:00:00Z\"")
                    .put("updated_at", "\"2026-01-01T00:05:00.123Z\"").put("state", "\"Investigating\"")
                    .put("severity", "\"P2\"").put("incident_type", "\"Application\"").put("source", "\"corpus\"")
                    .put("title", "\"valid incident\"").put("description", "\"d\"")
                    .put("affected_resources", "[\"db\"]").put("labels", "{\"team\":\"a\"}")
                    .put("related_incidents", "[\"" + UUID_B + "\"]").put("active_playbook", "\"" + UUID_B + "\"")
                    .put("resolution", resolution().toString()).put("timeline", "[" + timelineEntry() + "]")
                    .put("assignees", "[\"ann\"]").put("notes", "[" + note() + "]").put("fingerprint", "\"fp\"")
                    .put("correlation_score", "0.5");
        }

        static final Map<String, Kind> INCIDENT_FIELDS = fields("id", Kind.UUID, "created_at", Kind.TIME,
                "updated_at", Kind.TIME, "state", Kind.ENUM, "severity", Kind.ENUM, "incident_type", Kind.ENUM,
                "source", Kind.STRING, "title", Kind.STRING, "description", Kind.STRING,
                "affected_resources", Kind.STRINGS, "labels", Kind.STRING_MAP, "related_incidents", Kind.UUIDS,
                "active_playbook", Kind.UUID, "resolution", Kind.OBJECT, "timeline", Kind.OBJECTS,
                "assignees", Kind.STRINGS, "notes", Kind.OBJECTS, "fingerprint", Kind.STRING,
                "correlation_score", Kind.NUMBER);

        static Doc alert() {
            return new Doc().put("id", "\"" + UUID_B + "\"").put("external_id", "\"ext-1\"").put("source", "\"corpus\"")
                    .put("timestamp", "\"2026-01-01T00:00:00Z\"").put("received_at", "\"2026-01-01T00:00:01Z\"")
                    .put("severity", "\"P3\"").put("alert_type", "\"Performance\"").put("title", "\"valid alert\"")
                    .put("description", "\"d\"").put("labels", "{\"team\":\"a\"}").put("affected_services", "[\"db\"]")
                    .put("runbook_url", "\"https://runbooks.example.com/db\"").put("annotations", "{\"a\":\"b\"}")
                    .put("incident_id", "\"" + UUID_A + "\"").put("deduplicated", "false")
                    .put("parent_alert_id", "\"" + UUID_A + "\"");
        }

        static final Map<String, Kind> ALERT_FIELDS = fields("id", Kind.UUID, "external_id", Kind.STRING,
                "source", Kind.STRING, "timestamp", Kind.TIME, "received_at", Kind.TIME, "severity", Kind.ENUM,
                "alert_type", Kind.ENUM, "title", Kind.STRING, "description", Kind.STRING, "labels", Kind.STRING_MAP,
                "affected_services", Kind.STRINGS, "runbook_url", Kind.STRING, "annotations", Kind.STRING_MAP,
                "incident_id", Kind.UUID, "deduplicated", Kind.BOOL, "parent_alert_id", Kind.UUID);

        /** A valid event of each type, and the kinds of its fields. */
        static final Map<String, Doc> EVENTS = new LinkedHashMap<>();
        static final Map<String, Map<String, Kind>> EVENT_FIELDS = new LinkedHashMap<>();
        static final Map<String, List<String>> EVENT_REQUIRED = new LinkedHashMap<>();

        static {
            String incident = "{\"severity\":\"P3\",\"source\":\"corpus\",\"title\":\"t\"}";
            String alert = "{\"severity\":\"P3\",\"source\":\"corpus\",\"title\":\"t\"}";
            String id = "\"" + UUID_A + "\"";
            String playbook = "\"" + UUID_B + "\"";
            event("incident_created", new Doc().put("incident", incident), fields("incident", Kind.OBJECT), "incident");
            event("incident_updated", new Doc().put("incident", incident).put("previous_state", "\"Detected\""),
                    fields("incident", Kind.OBJECT, "previous_state", Kind.ENUM), "incident");
            event("incident_resolved", new Doc().put("incident", incident), fields("incident", Kind.OBJECT), "incident");
            event("incident_closed", new Doc().put("incident", incident), fields("incident", Kind.OBJECT), "incident");
            event("alert_received", new Doc().put("alert", alert), fields("alert", Kind.OBJECT), "alert");
            event("alert_converted", new Doc().put("alert", alert).put("incident_id", id),
                    fields("alert", Kind.OBJECT, "incident_id", Kind.UUID), "alert", "incident_id");
            event("escalated", new Doc().put("incident_id", id).put("from_severity", "\"P3\"").put("to_severity", "\"P1\"")
                    .put("reason", "\"r\""), fields("incident_id", Kind.UUID, "from_severity", Kind.ENUM,
                    "to_severity", Kind.ENUM, "reason", Kind.STRING), "incident_id", "from_severity", "to_severity");
            event("playbook_started", new Doc().put("incident_id", id).put("playbook_id", playbook)
                    .put("playbook_name", "\"p\""), fields("incident_id", Kind.UUID, "playbook_id", Kind.UUID,
                    "playbook_name", Kind.STRING), "incident_id", "playbook_id");
            event("playbook_action_executed", new Doc().put("incident_id", id).put("playbook_id", playbook)
                    .put("action_name", "\"a\"").put("success", "true").put("message", "\"m\""),
                    fields("incident_id", Kind.UUID, "playbook_id", Kind.UUID, "action_name", Kind.STRING,
                            "success", Kind.BOOL, "message", Kind.STRING), "incident_id", "playbook_id", "success");
            event("playbook_completed", new Doc().put("incident_id", id).put("playbook_id", playbook)
                    .put("success", "false").put("actions_executed", "3"), fields("incident_id", Kind.UUID,
                    "playbook_id", Kind.UUID, "success", Kind.BOOL, "actions_executed", Kind.INT),
                    "incident_id", "playbook_id", "success", "actions_executed");
            event("notification_sent", new Doc().put("incident_id", id).put("channel", "\"pager\"").put("success", "true"),
                    fields("incident_id", Kind.UUID, "channel", Kind.STRING, "success", Kind.BOOL),
                    "incident_id", "success");
            event("assignment_changed", new Doc().put("incident_id", id).put("assignees", "[\"ann\"]"),
                    fields("incident_id", Kind.UUID, "assignees", Kind.STRINGS), "incident_id");
            event("comment_added", new Doc().put("incident_id", id).put("author", "\"ann\"").put("comment", "\"c\"")
                    .put("timestamp", "\"2026-01-01T00:00:00Z\""), fields("incident_id", Kind.UUID, "author", Kind.STRING,
                    "comment", Kind.STRING, "timestamp", Kind.TIME), "incident_id");
            event("system_event", new Doc().put("category", "\"c\"").put("message", "\"m\"").put("metadata", "{\"k\":\"v\"}"),
                    fields("category", Kind.STRING, "message", Kind.STRING, "metadata", Kind.STRING_MAP));
        }

        private static void event(String type, Doc payload, Map<String, Kind> kinds, String... required) {
            Doc event = new Doc().put("event_type", "\"" + type + "\"");
            payload.fields.forEach(event::put);
            EVENTS.put(type, event);
            Map<String, Kind> all = new LinkedHashMap<>(kinds);
            all.put("priority", Kind.ENUM);
            EVENT_FIELDS.put(type, all);
            EVENT_REQUIRED.put(type, List.of(required));
        }

        private static Map<String, Kind> fields(Object... pairs) {
            Map<String, Kind> fields = new LinkedHashMap<>();
            for (int i = 0; i < pairs.length; i += 2) {
                fields.put((String) pairs[i], (Kind) pairs[i + 1]);
            }
            return fields;
        }

        static String fixedIncident(String description) {
            return "{\"id\":\"" + UUID_A + "\",\"created_at\":\"2026-01-01T00:00:00Z\","
                    + "\"updated_at\":\"2026-01-01T00:00:00Z\","
                    + "\"severity\":\"P4\",\"source\":\"corpus\",\"title\":\"size\",\"description\":\"" + description + "\"}";
        }

        // ---- case builders ----

        static HttpCase post(String name, String path, String body, int status, String code, String field) {
            return post(name, path, body.getBytes(StandardCharsets.UTF_8), status, code, field);
        }

        static HttpCase post(String name, String path, byte[] body, int status, String code, String field) {
            return new HttpCase(name, "POST " + path, JSON_HEADERS, body, status, code, field, 0, null);
        }

        static HttpCase accepted(String name, String path, String body, int published) {
            return new HttpCase(name, "POST " + path, JSON_HEADERS, body.getBytes(StandardCharsets.UTF_8), 202, null, null,
                    published, null);
        }

        static HttpCase invalidJson(String name, String path, byte[] body) {
            return post(name, path, body, 400, "INVALID_JSON", null);
        }

        static HttpCase invalidJson(String name, String path, String body) {
            return invalidJson(name, path, body.getBytes(StandardCharsets.UTF_8));
        }

        static String invalidCode(String path) {
            return switch (path) {
                case "/api/v1/incidents" -> "INVALID_INCIDENT";
                case "/api/v1/alerts" -> "INVALID_ALERT";
                default -> "INVALID_EVENT";
            };
        }

        static final Map<String, String> VALID_BODIES = Map.of(
                "/api/v1/events", "{\"event_type\":\"system_event\",\"category\":\"corpus\",\"message\":\"m\"}",
                "/api/v1/incidents", incident().toString(),
                "/api/v1/alerts", alert().toString());
        static final List<String> INGEST = List.of("/api/v1/events", "/api/v1/incidents", "/api/v1/alerts");

        // ---- generators ----

        private static void validBaselines(List<HttpCase> cases) {
            cases.add(accepted("valid incident with every field", "/api/v1/incidents", incident().toString(), 1));
            cases.add(accepted("valid alert with every field", "/api/v1/alerts", alert().toString(), 1));
            EVENTS.forEach((type, event) -> cases.add(accepted("valid " + type, "/api/v1/events", event.toString(), 1)));
            cases.add(accepted("valid batch of every type", "/api/v1/events", "[" + String.join(",",
                    EVENTS.values().stream().map(Doc::toString).toList()) + "]", EVENTS.size()));
        }

        private static void truncations(List<HttpCase> cases) {
            String event = EVENTS.get("escalated").toString();
            for (int length = 0; length < event.length(); length++) {
                cases.add(invalidJson("event truncated to " + length, "/api/v1/events", event.substring(0, length)));
            }
            String incident = incident().toString();
            for (int length = 0; length < incident.length(); length += 3) {
                cases.add(invalidJson("incident truncated to " + length, "/api/v1/incidents", incident.substring(0, length)));
            }
            String alert = alert().toString();
            for (int length = 1; length < alert.length(); length += 5) {
                cases.add(invalidJson("alert truncated to " + length, "/api/v1/alerts", alert.substring(0, length)));
            }
            String batch = "[" + EVENTS.get("system_event") + "," + EVENTS.get("comment_added") + "]";
            for (int length = 1; length < batch.length(); length += 7) {
                cases.add(invalidJson("batch truncated to " + length, "/api/v1/events", batch.substring(0, length)));
            }
        }

        private static void wrongTypes(List<HttpCase> cases) {
            INCIDENT_FIELDS.forEach((field, kind) -> wrong(kind).forEach(w -> cases.add(post("incident." + field + " = "
                    + w[0], "/api/v1/incidents", incident().with(field, w[0]).toString(), 400, "INVALID_INCIDENT",
                    field + w[1]))));
            nested(cases, "resolution", resolution(), fields("resolution_method", Kind.ENUM, "resolved_at", Kind.TIME,
                    "resolved_by", Kind.STRING, "root_cause", Kind.STRING, "notes", Kind.STRING), d -> d.toString());
            nested(cases, "timeline[0]", timelineEntry(), fields("timestamp", Kind.TIME, "event_type", Kind.STRING,
                    "actor", Kind.STRING, "description", Kind.STRING, "metadata", Kind.OBJECT), d -> "[" + d + "]");
            nested(cases, "notes[0]", note(), fields("id", Kind.UUID, "author", Kind.STRING, "content", Kind.STRING,
                    "created_at", Kind.TIME), d -> "[" + d + "]");
            ALERT_FIELDS.forEach((field, kind) -> wrong(kind).forEach(w -> cases.add(post("alert." + field + " = " + w[0],
                    "/api/v1/alerts", alert().with(field, w[0]).toString(), 400, "INVALID_ALERT", field + w[1]))));
            EVENT_FIELDS.forEach((type, kinds) -> kinds.forEach((field, kind) -> wrong(kind).forEach(w -> cases.add(post(
                    type + "." + field + " = " + w[0], "/api/v1/events", EVENTS.get(type).with(field, w[0]).toString(),
                    400, "INVALID_EVENT", field + w[1])))));
            for (String wrong : List.of("1", "true", "[]", "{}")) {
                cases.add(post("event_type = " + wrong, "/api/v1/events", EVENTS.get("system_event").with("event_type", wrong)
                        .toString(), 400, "INVALID_EVENT", "event_type"));
            }
            // Inside an event, the field path includes the payload's name.
            for (String field : List.of("severity", "title", "source", "labels")) {
                Kind kind = INCIDENT_FIELDS.get(field);
                String[] w = wrong(kind).get(0);
                cases.add(post("incident_created with incident." + field + " = " + w[0], "/api/v1/events",
                        EVENTS.get("incident_created").with("incident", new Doc().put("severity", "\"P3\"")
                                .put("source", "\"corpus\"").put("title", "\"t\"").with(field, w[0]).toString()).toString(),
                        400, "INVALID_EVENT", "incident." + field + w[1]));
                cases.add(post("alert_received with alert." + field + " = " + w[0], "/api/v1/events",
                        EVENTS.get("alert_received").with("alert", new Doc().put("severity", "\"P3\"")
                                .put("source", "\"corpus\"").put("title", "\"t\"").with(field, w[0]).toString()).toString(),
                        400, "INVALID_EVENT", "alert." + field + w[1]));
            }
        }

        private static void nested(List<HttpCase> cases, String path, Doc valid, Map<String, Kind> kinds,
                                   java.util.function.Function<Doc, String> wrap) {
            String field = path.replaceAll("\\[0]$", "");
            kinds.forEach((name, kind) -> wrong(kind).forEach(w -> cases.add(post("incident." + path + "." + name + " = "
                    + w[0], "/api/v1/incidents", incident().with(field, wrap.apply(valid.with(name, w[0]))).toString(),
                    400, "INVALID_INCIDENT", path + "." + name + w[1]))));
        }

        private static void missingFields(List<HttpCase> cases) {
            for (String field : List.of("severity", "source", "title")) {
                cases.add(post("incident without " + field, "/api/v1/incidents", incident().without(field).toString(), 400,
                        "INVALID_INCIDENT", field));
                cases.add(post("incident with " + field + " null", "/api/v1/incidents", incident().with(field, "null")
                        .toString(), 400, "INVALID_INCIDENT", field));
                cases.add(post("alert without " + field, "/api/v1/alerts", alert().without(field).toString(), 400,
                        "INVALID_ALERT", field));
                cases.add(post("alert with " + field + " null", "/api/v1/alerts", alert().with(field, "null").toString(), 400,
                        "INVALID_ALERT", field));
            }
            cases.add(post("resolution without resolution_method", "/api/v1/incidents", incident().with("resolution",
                    resolution().without("resolution_method").toString()).toString(), 400, "INVALID_INCIDENT",
                    "resolution.resolution_method"));
            EVENT_REQUIRED.forEach((type, required) -> required.forEach(field -> {
                cases.add(post(type + " without " + field, "/api/v1/events", EVENTS.get(type).without(field).toString(),
                        400, "INVALID_EVENT", field));
                cases.add(post(type + " with " + field + " null", "/api/v1/events", EVENTS.get(type).with(field, "null")
                        .toString(), 400, "INVALID_EVENT", field));
            }));
            cases.add(post("event without event_type", "/api/v1/events", EVENTS.get("system_event").without("event_type")
                    .toString(), 400, "INVALID_EVENT", "event_type"));
            cases.add(post("event with event_type null", "/api/v1/events", EVENTS.get("system_event").with("event_type",
                    "null").toString(), 400, "INVALID_EVENT", "event_type"));
        }

        private static void unknownValues(List<HttpCase> cases) {
            List<String> severities = List.of("p1", "P5", "", "P01", "P1 ", "critical", "High", "P-1", "\\u0050\\u0031x");
            for (String value : severities) {
                cases.add(post("incident severity '" + value + "'", "/api/v1/incidents", incident().with("severity",
                        "\"" + value + "\"").toString(), 400, "INVALID_INCIDENT", "severity"));
                cases.add(post("alert severity '" + value + "'", "/api/v1/alerts", alert().with("severity",
                        "\"" + value + "\"").toString(), 400, "INVALID_ALERT", "severity"));
                cases.add(post("escalated to_severity '" + value + "'", "/api/v1/events", EVENTS.get("escalated")
                        .with("to_severity", "\"" + value + "\"").toString(), 400, "INVALID_EVENT", "to_severity"));
            }
            for (String value : List.of("detected", "Open", "Done", "RESOLVED", "Resolved ", "")) {
                cases.add(post("incident state '" + value + "'", "/api/v1/incidents", incident().with("state",
                        "\"" + value + "\"").toString(), 400, "INVALID_INCIDENT", "state"));
                cases.add(post("previous_state '" + value + "'", "/api/v1/events", EVENTS.get("incident_updated")
                        .with("previous_state", "\"" + value + "\"").toString(), 400, "INVALID_EVENT", "previous_state"));
            }
            for (String value : List.of("security", "Other", "infra", "")) {
                cases.add(post("incident_type '" + value + "'", "/api/v1/incidents", incident().with("incident_type",
                        "\"" + value + "\"").toString(), 400, "INVALID_INCIDENT", "incident_type"));
                cases.add(post("alert_type '" + value + "'", "/api/v1/alerts", alert().with("alert_type",
                        "\"" + value + "\"").toString(), 400, "INVALID_ALERT", "alert_type"));
            }
            for (String value : List.of("manual", "Auto", "")) {
                cases.add(post("resolution_method '" + value + "'", "/api/v1/incidents", incident().with("resolution",
                        resolution().with("resolution_method", "\"" + value + "\"").toString()).toString(), 400,
                        "INVALID_INCIDENT", "resolution.resolution_method"));
            }
            for (String value : List.of("Incident_Created", "incident-created", "incident_deleted", "", "INCIDENT_CREATED",
                    "incidentCreated", "system_event ")) {
                cases.add(post("event_type '" + value + "'", "/api/v1/events", EVENTS.get("system_event")
                        .with("event_type", "\"" + value + "\"").toString(), 400, "INVALID_EVENT", "event_type"));
            }
            for (String value : List.of("urgent", "Low", "medium", "", "HIGH", "P0")) {
                cases.add(post("priority '" + value + "'", "/api/v1/events", EVENTS.get("system_event")
                        .with("priority", "\"" + value + "\"").toString(), 400, "INVALID_EVENT", "priority"));
            }
        }

        private static void badUuids(List<HttpCase> cases) {
            for (String bad : WsCorpus.BAD_UUIDS) {
                String raw = "\"" + bad + "\"";
                cases.add(post("incident id '" + bad + "'", "/api/v1/incidents", incident().with("id", raw).toString(), 400,
                        "INVALID_INCIDENT", "id"));
                cases.add(post("related_incidents[1] '" + bad + "'", "/api/v1/incidents", incident().with(
                        "related_incidents", "[\"" + UUID_A + "\"," + raw + "]").toString(), 400, "INVALID_INCIDENT",
                        "related_incidents[1]"));
                cases.add(post("alert incident_id '" + bad + "'", "/api/v1/alerts", alert().with("incident_id", raw)
                        .toString(), 400, "INVALID_ALERT", "incident_id"));
                cases.add(post("event incident_id '" + bad + "'", "/api/v1/events", EVENTS.get("comment_added")
                        .with("incident_id", raw).toString(), 400, "INVALID_EVENT", "incident_id"));
            }
            cases.add(accepted("upper-case UUIDs", "/api/v1/events", EVENTS.get("playbook_started")
                    .with("incident_id", "\"" + UUID_A.toUpperCase() + "\"").toString(), 1));
        }

        private static void numbers(List<HttpCase> cases) {
            for (String huge : List.of("1e400", "-1e400", "1.7976931348623159e308")) {
                cases.add(post("correlation_score " + huge, "/api/v1/incidents", incident().with("correlation_score", huge)
                        .toString(), 400, "INVALID_INCIDENT", "correlation_score"));
            }
            for (String ok : List.of("1e308", "-0.0", "123456789012345678901234567890", "1e-400", "0")) {
                cases.add(accepted("correlation_score " + ok, "/api/v1/incidents", incident().with("correlation_score", ok)
                        .toString(), 1));
            }
            cases.add(accepted("actions_executed = Integer.MAX_VALUE", "/api/v1/events", EVENTS.get("playbook_completed")
                    .with("actions_executed", "2147483647").toString(), 1));
            cases.add(accepted("actions_executed = 0", "/api/v1/events", EVENTS.get("playbook_completed")
                    .with("actions_executed", "0").toString(), 1));
            for (String token : List.of("NaN", "Infinity", "-Infinity", "+Infinity", "+1", "01", ".5", "1.", "0x10", "1e",
                    "-", "--1", "1e+", "nan", "undefined", "1_000")) {
                cases.add(invalidJson("correlation_score token " + token, "/api/v1/incidents",
                        incident().with("correlation_score", token).toString()));
                cases.add(invalidJson("actions_executed token " + token, "/api/v1/events",
                        EVENTS.get("playbook_completed").with("actions_executed", token).toString()));
            }
        }

        private static void nesting(List<HttpCase> cases) {
            // Body level 1 is the incident; "timeline" opens 2, the entry 3, "metadata" 4; k objects inside make 4 + k.
            cases.add(accepted("incident nested to depth 32 (timeline metadata)", "/api/v1/incidents", incident()
                    .with("timeline", "[" + timelineEntry().with("metadata", WsCorpus.objects(29)) + "]").toString(), 1));
            cases.add(invalidJson("incident nested to depth 33", "/api/v1/incidents", incident()
                    .with("timeline", "[" + timelineEntry().with("metadata", WsCorpus.objects(30)) + "]").toString()));
            for (String path : INGEST) {
                cases.add(invalidJson("arrays 33 deep to " + path, path, WsCorpus.arrays(33)));
                cases.add(invalidJson("objects 33 deep to " + path, path, WsCorpus.objects(33)));
                cases.add(invalidJson("arrays 100000 deep to " + path, path, WsCorpus.arrays(100_000)));
                cases.add(invalidJson("100000 unclosed arrays to " + path, path, "[".repeat(100_000)));
            }
            cases.add(post("arrays 32 deep: valid JSON, not an event", "/api/v1/events", WsCorpus.arrays(32), 400,
                    "INVALID_EVENT", "[0]"));
            cases.add(post("objects 32 deep: valid JSON, not an incident", "/api/v1/incidents", WsCorpus.objects(32), 400,
                    "INVALID_INCIDENT", "severity"));
            cases.add(post("system_event metadata with a nested object", "/api/v1/events", EVENTS.get("system_event")
                    .with("metadata", "{\"k\":" + WsCorpus.objects(20) + "}").toString(), 400, "INVALID_EVENT",
                    "metadata.k"));
        }

        private static void lengths(List<HttpCase> cases) {
            for (String[] spec : new String[][] {{"/api/v1/incidents", "title", "500"}, {"/api/v1/incidents", "source", "255"},
                    {"/api/v1/alerts", "title", "500"}, {"/api/v1/alerts", "source", "255"}}) {
                String path = spec[0];
                String field = spec[1];
                int max = Integer.parseInt(spec[2]);
                Doc base = path.endsWith("incidents") ? incident() : alert();
                cases.add(accepted(path + " " + field + " of " + max + " chars", path,
                        base.with(field, "\"" + "a".repeat(max) + "\"").toString(), 1));
                cases.add(post(path + " " + field + " of " + (max + 1) + " chars", path,
                        base.with(field, "\"" + "a".repeat(max + 1) + "\"").toString(), 400, invalidCode(path), field));
                cases.add(post(path + " " + field + " of 100000 chars", path,
                        base.with(field, "\"" + "a".repeat(100_000) + "\"").toString(), 400, invalidCode(path), field));
                cases.add(post(path + " empty " + field, path, base.with(field, "\"\"").toString(), 400, invalidCode(path),
                        field));
                cases.add(accepted(path + " " + field + " of " + max + " emoji", path,
                        base.with(field, "\"" + "\ud83d\ude00".repeat(max) + "\"").toString(), 1));
                cases.add(post(path + " " + field + " of " + (max + 1) + " emoji", path,
                        base.with(field, "\"" + "\ud83d\ude00".repeat(max + 1) + "\"").toString(), 400, invalidCode(path),
                        field));
                cases.add(accepted(path + " " + field + " of " + max + " escaped e-acutes", path,
                        base.with(field, "\"" + "\\u00e9".repeat(max) + "\"").toString(), 1));
            }
            cases.add(post("incident_created event with a 501-char title", "/api/v1/events", EVENTS.get("incident_created")
                    .with("incident", "{\"severity\":\"P3\",\"source\":\"corpus\",\"title\":\"" + "a".repeat(501) + "\"}")
                    .toString(), 400, "INVALID_EVENT", "incident.title"));
        }

        private static void controlCharacters(List<HttpCase> cases) {
            for (char c = 0; c < 0x20; c++) {
                cases.add(invalidJson(String.format("raw U+%04X inside the title", (int) c), "/api/v1/incidents",
                        incident().with("title", "\"a" + c + "b\"").toString()));
                if (c != '\t' && c != '\n' && c != '\r') {
                    cases.add(invalidJson(String.format("raw U+%04X between tokens", (int) c), "/api/v1/events",
                            "{\"event_type\":\"system_event\"" + c + "}"));
                }
            }
            cases.add(accepted("escaped NUL and U+001F in the title", "/api/v1/incidents",
                    incident().with("title", "\"a\\u0000b\\u001f\"").toString(), 1));
            cases.add(accepted("raw U+007F in the title", "/api/v1/incidents", incident().with("title", "\"a\u007fb\"")
                    .toString(), 1));
            for (String escape : List.of("\\x41", "\\u12", "\\uZZZZ", "\\a", "\\", "\\U0041", "\\'")) {
                cases.add(invalidJson("bad escape " + escape, "/api/v1/incidents", incident().with("title",
                        "\"" + escape + "\"").toString()));
            }
        }

        private static void encodings(List<HttpCase> cases) {
            for (String path : INGEST) {
                String valid = VALID_BODIES.get(path);
                int at = valid.indexOf("\"corpus\"") + 1;
                WsCorpus.INVALID_UTF8.forEach((name, bytes) -> {
                    byte[] prefix = valid.substring(0, at).getBytes(StandardCharsets.UTF_8);
                    byte[] suffix = valid.substring(at).getBytes(StandardCharsets.UTF_8);
                    cases.add(invalidJson("invalid UTF-8 " + name + " in a string to " + path, path,
                            concat(prefix, bytes, suffix)));
                });
                cases.add(invalidJson("invalid UTF-8 0xFF before the document to " + path, path,
                        concat(bytes(0xff), valid.getBytes(StandardCharsets.UTF_8))));
                cases.add(accepted("UTF-8 byte order mark to " + path, path, "\ufeff" + valid, 1));
                for (Charset charset : List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE,
                        StandardCharsets.UTF_16, Charset.forName("UTF-32LE"))) {
                    cases.add(invalidJson("body in " + charset + " declared as application/json to " + path, path,
                            valid.getBytes(charset)));
                }
                cases.add(new HttpCase("UTF-16 body declared as charset=utf-16 to " + path, "POST " + path,
                        List.of("Authorization: Bearer " + KEY, "Content-Type: application/json; charset=utf-16"),
                        valid.getBytes(StandardCharsets.UTF_16), 415, "UNSUPPORTED_MEDIA_TYPE", null, 0, null));
            }
            // Escaped lone surrogates are JSON text; they are kept and sent on as escapes.
            cases.add(accepted("lone surrogate escapes in title, description and a label value", "/api/v1/incidents",
                    incident().with("title", "\"\\ud800\"").with("description", "\"x\\udc00y\"")
                            .with("labels", "{\"k\":\"\\ud800\\ud800\"}").toString(), 1));
            // In a key, the parser itself refuses them.
            cases.add(invalidJson("a lone surrogate escape in a label key", "/api/v1/incidents",
                    incident().with("labels", "{\"k\\udbff\":\"v\"}").toString()));
            cases.add(invalidJson("a lone surrogate escape in a field name", "/api/v1/events",
                    "{\"event_type\":\"system_event\",\"\\ud800\":1}"));
            cases.add(post("lone surrogate as a severity", "/api/v1/incidents", incident().with("severity", "\"\\ud800\"")
                    .toString(), 400, "INVALID_INCIDENT", "severity"));
            for (String timestamp : List.of("+10000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "2026-01-01T00:00Z",
                    "2026-01-01T00:00:00+02")) {
                cases.add(post("non-RFC 3339 timestamp " + timestamp, "/api/v1/incidents", incident()
                        .with("created_at", "\"" + timestamp + "\"").toString(), 400, "INVALID_INCIDENT", "created_at"));
            }
        }

        private static void emptyAndScalars(List<HttpCase> cases) {
            for (String path : INGEST) {
                for (String empty : List.of("", " ", "\r\n\t ", "\n\n\n")) {
                    cases.add(invalidJson("whitespace only (" + empty.length() + " chars) to " + path, path, empty));
                }
                cases.add(new HttpCase("no body at all to " + path, "POST " + path, JSON_HEADERS, null, 400, "INVALID_JSON",
                        null, 0, null));
                for (String scalar : List.of("null", "true", "1", "\"event\"", "-0.5")) {
                    cases.add(post(scalar + " to " + path, path, scalar, 400, invalidCode(path), null));
                }
            }
        }

        private static void contentTypes(List<HttpCase> cases) {
            List<String> refused = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "application/json; charset=latin-1", "application/json; charset=utf-16",
                    "application/jsonx", "application/json-patch+json", "application/ld+json", "*/*", "json",
                    "application/json, text/plain", "text/json", "application/json; charset=", "application/octet-stream",
                    "");
            for (String path : INGEST) {
                for (String type : refused) {
                    cases.add(new HttpCase("Content-Type '" + type + "' to " + path, "POST " + path,
                            List.of("Authorization: Bearer " + KEY, "Content-Type: " + type),
                            VALID_BODIES.get(path).getBytes(StandardCharsets.UTF_8), 415, "UNSUPPORTED_MEDIA_TYPE", null, 0,
                            null));
                }
                cases.add(new HttpCase("no Content-Type to " + path, "POST " + path, List.of("Authorization: Bearer " + KEY),
                        VALID_BODIES.get(path).getBytes(StandardCharsets.UTF_8), 415, "UNSUPPORTED_MEDIA_TYPE", null, 0,
                        null));
            }
            for (String type : List.of("application/json; charset=UTF-8", "APPLICATION/JSON",
                    "application/json;charset=\"utf-8\"",
                    "application/json; charset=utf8", "application/json; foo=bar")) {
                cases.add(new HttpCase("Content-Type '" + type + "' is accepted", "POST /api/v1/events",
                        List.of("Authorization: Bearer " + KEY, "Content-Type: " + type),
                        EVENTS.get("system_event").toString().getBytes(StandardCharsets.UTF_8), 202, null, null, 1, null));
            }
        }

        private static void duplicatesAndGarbage(List<HttpCase> cases) {
            cases.add(invalidJson("duplicate title", "/api/v1/incidents", incident().toString().replace("\"title\":",
                    "\"title\":\"first\",\"title\":")));
            cases.add(invalidJson("duplicate label key", "/api/v1/incidents", incident().with("labels",
                    "{\"team\":\"a\",\"team\":\"b\"}").toString()));
            cases.add(invalidJson("duplicate severity in an alert", "/api/v1/alerts", alert().toString().replace(
                    "\"severity\":", "\"severity\":\"P0\",\"severity\":")));
            cases.add(invalidJson("duplicate event_type", "/api/v1/events", EVENTS.get("system_event").toString().replace(
                    "\"event_type\":", "\"event_type\":\"escalated\",\"event_type\":")));
            cases.add(invalidJson("duplicate key in the second event of a batch", "/api/v1/events", "["
                    + EVENTS.get("system_event") + ",{\"event_type\":\"system_event\",\"message\":\"a\",\"message\":\"b\"}]"));
            cases.add(invalidJson("duplicate key deep in timeline metadata", "/api/v1/incidents", incident().with("timeline",
                    "[" + timelineEntry().with("metadata", "{\"a\":{\"b\":1,\"b\":2}}") + "]").toString()));
            for (String path : INGEST) {
                String valid = VALID_BODIES.get(path);
                for (String garbage : List.of(" x", "}", "]", valid, " " + valid, ",", "//c", "/*c*/", " null", " 1",
                        "\u0000", "\"", "\u00a0")) {
                    cases.add(invalidJson("trailing " + visible(garbage) + " to " + path, path, valid + garbage));
                }
                for (String garbage : List.of("x", ",", "\u00a0", ")]}'\n", "/*c*/", "\ufeff\ufeff")) {
                    cases.add(invalidJson("leading " + visible(garbage) + " to " + path, path, garbage + valid));
                }
                cases.add(accepted("trailing whitespace to " + path, path, valid + " \r\n\t", 1));
            }
            for (String broken : List.of("{'event_type':'system_event'}", "{event_type:\"system_event\"}",
                    "{\"event_type\":\"system_event\",}", "[{\"event_type\":\"system_event\"},]",
                    "{/*c*/\"event_type\":\"system_event\"}", "{\"event_type\" \"system_event\"}",
                    "{\"event_type\":\"system_event\" \"message\":\"m\"}",
                    "{\"event_type\":\"system_event\",,\"message\":\"m\"}",
                    "{\"event_type\":'system_event'}", "{\"event_type\"}", "{:\"system_event\"}", "[,]", "[{},,{}]",
                    "{\"event_type\":\"system_event\",\"metadata\":{\"k\":\"v\",}}", "{\"event_type\":\"sys\ntem_event\"}",
                    "{\"event_type\":\"system_event\",\"message\":True}",
                    "{\"event_type\":\"system_event\",\"message\":NULL}")) {
                cases.add(invalidJson("malformed: " + visible(broken), "/api/v1/events", broken));
            }
        }

        private static void wrongShapes(List<HttpCase> cases) {
            cases.add(post("an incident in an array", "/api/v1/incidents", "[" + incident() + "]", 400,
                    "INVALID_INCIDENT", null));
            cases.add(post("an alert in an array", "/api/v1/alerts", "[" + alert() + "]", 400, "INVALID_ALERT", null));
            cases.add(post("an event nested in two arrays", "/api/v1/events", "[[" + EVENTS.get("system_event") + "]]", 400,
                    "INVALID_EVENT", "[0]"));
            cases.add(post("a batch in an object", "/api/v1/events", "{\"events\":[" + EVENTS.get("system_event") + "]}", 400,
                    "INVALID_EVENT", "event_type"));
            cases.add(post("an incident posted as an event", "/api/v1/events", incident().toString(), 400, "INVALID_EVENT",
                    "event_type"));
            cases.add(post("an event posted as an incident", "/api/v1/incidents", EVENTS.get("incident_created").toString(),
                    400, "INVALID_INCIDENT", "severity"));
            cases.add(post("an alert posted as an incident (no severity problem, but an array for labels)",
                    "/api/v1/incidents", incident().with("labels", "[[\"team\",\"a\"]]").toString(), 400, "INVALID_INCIDENT",
                    "labels"));
        }

        private static void batches(List<HttpCase> cases) {
            String good = EVENTS.get("system_event").toString();
            Map<String, String[]> bad = new LinkedHashMap<>();
            bad.put("unknown event_type", new String[] {"{\"event_type\":\"nope\"}", ".event_type"});
            bad.put("a number", new String[] {"7", ""});
            bad.put("null", new String[] {"null", ""});
            bad.put("an array", new String[] {"[]", ""});
            bad.put("escalated without incident_id", new String[] {"{\"event_type\":\"escalated\",\"from_severity\":\"P1\","
                    + "\"to_severity\":\"P0\"}", ".incident_id"});
            bad.put("a bad priority", new String[] {"{\"event_type\":\"system_event\",\"priority\":\"urgent\"}", ".priority"});
            bad.put("a metadata value not a string", new String[] {"{\"event_type\":\"system_event\",\"metadata\":{\"k\":1}}",
                    ".metadata.k"});
            bad.put("an incident with a bad severity", new String[] {"{\"event_type\":\"incident_created\",\"incident\":"
                    + "{\"severity\":\"P9\",\"source\":\"s\",\"title\":\"t\"}}", ".incident.severity"});
            for (int position = 0; position < 5; position++) {
                int at = position;
                bad.forEach((name, spec) -> {
                    List<String> events = new ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                        events.add(i == at ? spec[0] : good);
                    }
                    cases.add(post("batch of 5 with " + name + " at " + at, "/api/v1/events",
                            "[" + String.join(",", events) + "]", 400, "INVALID_EVENT", "[" + at + "]" + spec[1]));
                });
                List<String> events = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    events.add(i == at ? EVENTS.get("system_event").with("message", "\"" + "m".repeat(300_000) + "\"")
                            .toString() : good);
                }
                cases.add(post("batch of 5 with an event over max_event_bytes at " + at, "/api/v1/events",
                        "[" + String.join(",", events) + "]", 413, "EVENT_TOO_LARGE", String.valueOf(at)));
            }
            cases.add(post("empty batch", "/api/v1/events", "[]", 400, "INVALID_EVENT", null));
            cases.add(post("empty batch with whitespace", "/api/v1/events", "[ \n ]", 400, "INVALID_EVENT", null));
            cases.add(post("a batch of 10001 (over broadcast_capacity)", "/api/v1/events", "["
                    + String.join(",", java.util.Collections.nCopies(10_001, "{\"event_type\":\"system_event\"}")) + "]",
                    413, "BATCH_TOO_LARGE", null));
        }

        private static void sizes(List<HttpCase> cases) {
            for (String path : INGEST) {
                cases.add(new HttpCase("declared Content-Length over max_request_bytes to " + path, "POST " + path,
                        List.of("Authorization: Bearer " + KEY, "Content-Type: application/json",
                                "Content-Length: " + (MAX_REQUEST_BYTES + 1)), new byte[0], 413, "PAYLOAD_TOO_LARGE",
                        null, 0, null));
            }
            cases.add(new HttpCase("declared Content-Length of 2^40", "POST /api/v1/events",
                    List.of("Authorization: Bearer " + KEY, "Content-Type: application/json", "Content-Length: 1099511627776"),
                    new byte[0], 413, "PAYLOAD_TOO_LARGE", null, 0, null));
            cases.add(new HttpCase("chunked body over max_request_bytes", "POST /api/v1/events",
                    List.of("Authorization: Bearer " + KEY, "Content-Type: application/json", "Transfer-Encoding: chunked"),
                    chunked(("[" + "1,".repeat(MAX_REQUEST_BYTES / 2 + 100) + "1]").getBytes(StandardCharsets.UTF_8)),
                    413, "PAYLOAD_TOO_LARGE", null, 0, null));
            cases.add(new HttpCase("chunked valid body", "POST /api/v1/events",
                    List.of("Authorization: Bearer " + KEY, "Content-Type: application/json", "Transfer-Encoding: chunked"),
                    chunked(EVENTS.get("system_event").toString().getBytes(StandardCharsets.UTF_8)), 202, null, null, 1,
                    null));
            cases.add(post("an incident over max_event_bytes", "/api/v1/incidents", fixedIncident("d".repeat(300_000)), 413,
                    "EVENT_TOO_LARGE", null));
            cases.add(post("an alert over max_event_bytes", "/api/v1/alerts", alert().with("description",
                    "\"" + "d".repeat(300_000) + "\"").toString(), 413, "EVENT_TOO_LARGE", null));
            cases.add(post("an event over max_event_bytes once escaped (\\u0001 is 6 bytes out)", "/api/v1/events",
                    EVENTS.get("system_event").with("message", "\"" + "\\u0001".repeat(50_000) + "\"").toString(), 413,
                    "EVENT_TOO_LARGE", null));
        }

        private static void queries(List<HttpCase> cases) {
            Map<String, String> refused = new LinkedHashMap<>();
            for (String query : List.of("severity=P9", "severity=", "severity", "severity=p0", "severity=P0,,P1",
                    "severity=P0;x", "state=open", "state=Detected,Done", "state=", "foo=1",
                    "severities=P0", "label=team", "label=a:1&label=a:2", "label=:x", "label=", "source=",
                    "severity=P0&foo=", "SEVERITY=P0", "label=%3Ax", "source=%00")) {
                refused.put(query, "INVALID_PARAMETER");
            }
            for (String query : List.of("severity=%ZZ", "source=%FF", "%ZZ=1", "source=%", "source=%E2%82",
                    "source=%ED%A0%80")) {
                refused.put(query, "BAD_REQUEST");
            }
            refused.forEach((query, code) -> cases.add(new HttpCase("GET ?" + query, "GET /api/v1/incidents?" + query,
                    List.of(), null, 400, code, null, 0, null)));
            for (String query : List.of("severity=P0,P1", "label=a:b:c", "state=Detected,Resolved",
                    "source=" + "s".repeat(5000),
                    "severity=P0&severity=P1", "label=team:a&label=env:prod", "source=%E2%82%AC", "", "source=a+b",
                    // Values are trimmed (String.trim: spaces and control characters such as NUL).
                    "severity=%20P0", "severity=P0%00")) {
                cases.add(new HttpCase("GET ?" + RawWire.abbreviate(query), "GET /api/v1/incidents?" + query, List.of(), null,
                        200, null, null, 0, null));
            }
            cases.add(new HttpCase("GET an incident by a malformed id", "GET /api/v1/incidents/not-a-uuid", List.of(), null,
                    400, "INVALID_PARAMETER", null, 0, null));
            cases.add(new HttpCase("GET an incident by a too-long id", "GET /api/v1/incidents/" + UUID_A + "0",
                    List.of(), null,
                    400, "INVALID_PARAMETER", null, 0, null));
            cases.add(new HttpCase("GET an unknown incident", "GET /api/v1/incidents/" + UUID_B, List.of(), null, 404,
                    "NOT_FOUND", null, 0, null));
            // The request line and headers may take 32 KiB (room for a 16 KiB subscriber token): beyond, refused.
            cases.add(new HttpCase("GET with a query of 40000 chars", "GET /api/v1/incidents?source=" + "s".repeat(40_000),
                    List.of(), null, 414, "URI_TOO_LONG", null, 0, null));
            cases.add(new HttpCase("POST with a header of 40000 chars", "POST /api/v1/events",
                    List.of("Authorization: Bearer " + KEY, "Content-Type: application/json",
                            "X-Padding: " + "p".repeat(40_000)),
                    EVENTS.get("system_event").toString().getBytes(StandardCharsets.UTF_8), 431, "HEADERS_TOO_LARGE", null, 0,
                    null));
        }

        private static void methodsAndPaths(List<HttpCase> cases) {
            for (String head : List.of("PUT /api/v1/events", "DELETE /api/v1/incidents", "PATCH /api/v1/alerts",
                    "GET /api/v1/events", "GET /api/v1/alerts", "POST /api/v1/stats", "PUT /api/v1/incidents",
                    "DELETE /api/v1/events")) {
                cases.add(new HttpCase(head, head, JSON_HEADERS, "{}".getBytes(StandardCharsets.UTF_8), 405,
                        "METHOD_NOT_ALLOWED", null, 0, null));
            }
            for (String path : List.of("/api/v2/events", "/api/v1/event", "/api/v1/events/x", "/api/v1", "/api/v1/",
                    "/api/v1/incidents/" + UUID_A + "/notes")) {
                cases.add(new HttpCase("POST " + path, "POST " + path, JSON_HEADERS,
                        EVENTS.get("system_event").toString().getBytes(StandardCharsets.UTF_8), 404, "NOT_FOUND", null, 0,
                        null));
            }
            for (String path : List.of("/%2e%2e/api/v1/events", "/api/v1/%2e%2e/v1/events", "/api/v1//events")) {
                cases.add(new HttpCase("POST " + path + " (ambiguous path)", "POST " + path, JSON_HEADERS,
                        EVENTS.get("system_event").toString().getBytes(StandardCharsets.UTF_8), 400, "BAD_REQUEST", null, 0,
                        null));
            }
        }

        private static void credentials(List<HttpCase> cases) {
            byte[] valid = EVENTS.get("system_event").toString().getBytes(StandardCharsets.UTF_8);
            for (String path : INGEST) {
                cases.add(new HttpCase("no Authorization to " + path, "POST " + path,
                        List.of("Content-Type: application/json"),
                        valid, 401, "UNAUTHENTICATED", null, 0, null));
            }
            for (String authorization : List.of("Bearer", "Bearer ", "Basic " + KEY, "Token " + KEY, KEY, "Bearer\t")) {
                cases.add(new HttpCase("Authorization '" + authorization + "'", "POST /api/v1/events",
                        List.of("Authorization: " + authorization, "Content-Type: application/json"), valid, 401,
                        "UNAUTHENTICATED", null, 0, null));
            }
            for (String key : List.of("wrong-key-of-enough-length-000", KEY + "x", KEY.substring(1), KEY.toUpperCase(),
                    "x".repeat(4000))) {
                cases.add(new HttpCase("unknown key '" + RawWire.abbreviate(key).substring(0, Math.min(40, key.length()))
                        + "'", "POST /api/v1/events", List.of("Authorization: Bearer " + key,
                        "Content-Type: application/json"), valid, 403, "FORBIDDEN", null, 0, null));
            }
            cases.add(new HttpCase("a key in the query string is not a credential", "POST /api/v1/events?api_key=" + KEY,
                    List.of("Content-Type: application/json"), valid, 401, "UNAUTHENTICATED", null, 0, null));
            cases.add(new HttpCase("credentials are checked before the body", "POST /api/v1/events",
                    List.of("Content-Type: application/json"), "{not json".getBytes(StandardCharsets.UTF_8), 401,
                    "UNAUTHENTICATED", null, 0, null));
            cases.add(new HttpCase("a bad key with an oversized declared body", "POST /api/v1/events",
                    List.of("Authorization: Bearer nope-nope-nope-nope", "Content-Type: application/json",
                            "Content-Length: " + (MAX_REQUEST_BYTES * 4)), new byte[0], 403, "FORBIDDEN", null, 0, null));
            cases.add(new HttpCase("the scheme is case-insensitive", "POST /api/v1/events",
                    List.of("Authorization: bearer " + KEY, "Content-Type: application/json"), valid, 202, null, null, 1,
                    null));
        }

        private static byte[] chunked(byte[] body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int at = 0; at < body.length; at += 8192) {
                int length = Math.min(8192, body.length - at);
                out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, at, length);
                out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            return out.toByteArray();
        }
    }

    // =============================================================================================
    // After the corpus
    // =============================================================================================

    @Test
    @Order(5)
    void afterTheCorpus_theServerIsHealthy_nothingLeaked_andEveryoneIsServed() throws Exception {
        for (String path : List.of("/health/live", "/health/ready", "/health")) {
            RawWire.Response health = RawWire.request(server.port(), "GET " + path, List.of(), null);
            assertThat(health.status()).as(path + " " + health).isEqualTo(200);
        }
        JsonNode stats = stats();
        assertThat(stats.path("last_seq").asLong()).isEqualTo(lastSeq);
        assertThat(acceptedSeqs).as("the accepted boundary values were published").isNotEmpty();

        RawWire.Response marker = post("/api/v1/incidents",
                "{\"severity\":\"P2\",\"source\":\"observer-only\",\"title\":\"after the corpus\"}");
        assertThat(marker.status()).isEqualTo(202);
        long markerSeq = stats().path("last_seq").asLong();
        assertThat(markerSeq).isEqualTo(lastSeq + 1);

        // The subscriber to everything got every accepted event, in order, once, and nothing else.
        List<Long> expected = new ArrayList<>(acceptedSeqs);
        expected.add(markerSeq);
        List<Long> received = new ArrayList<>();
        while (received.isEmpty() || received.get(received.size() - 1) != markerSeq) {
            JsonNode message = bystander.next();
            assertThat(message.path("type").asText()).as(message.toString().substring(0,
                    Math.min(300, message.toString().length()))).isEqualTo("event");
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
        try (TestClient newcomer = connect()) {
            newcomer.send("{\"type\":\"subscribe\",\"subscription_id\":\"p1\",\"filters\":{\"severities\":[\"P1\"]}}");
            assertThat(newcomer.next().path("type").asText()).isEqualTo("subscribed");
            post("/api/v1/events", "{\"event_type\":\"incident_created\",\"incident\":{\"severity\":\"P1\","
                    + "\"source\":\"after\",\"title\":\"normal\"}}");
            JsonNode event = newcomer.next();
            assertThat(event.path("type").asText()).isEqualTo("event");
            assertThat(event.path("event").path("incident").path("title").asText()).isEqualTo("normal");
            assertThat(bystander.next().path("seq").asLong()).isEqualTo(event.path("seq").asLong());
        }
        RawWire.Response metrics = RawWire.request(server.port(), "GET /metrics", List.of(), null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("websocket_active_connections");
    }

    // =============================================================================================
    // helpers
    // =============================================================================================

    private TestClient connect() throws Exception {
        TestClient client = new TestClient();
        ws.connect(client, new org.eclipse.jetty.websocket.client.ClientUpgradeRequest(
                URI.create("ws://127.0.0.1:" + server.port() + "/ws"))).get(10, TimeUnit.SECONDS);
        assertThat(client.next().path("type").asText()).isEqualTo("welcome");
        return client;
    }

    private JsonNode stats() throws Exception {
        RawWire.Response stats = RawWire.request(server.port(), "GET /api/v1/stats", List.of(), null);
        assertThat(stats.status()).isEqualTo(200);
        return stats.json();
    }

    private RawWire.Response post(String path, String body) throws Exception {
        return RawWire.request(server.port(), "POST " + path, HttpCorpus.JSON_HEADERS, body.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Control and invisible characters spelled out, for test names. */
    static String visible(String text) {
        StringBuilder shown = new StringBuilder();
        for (char c : text.toCharArray()) {
            shown.append(c < 0x20 || c == 0x7f || c == 0xa0 || c == 0xfeff || c == 0x2028
                    ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return RawWire.abbreviate(shown.toString());
    }
}
