package io.incidentstream.bootstrap;

import static io.incidentstream.bootstrap.BadInputCorpus.BAD_UUIDS;
import static io.incidentstream.bootstrap.BadInputCorpus.INVALID_UTF8;
import static io.incidentstream.bootstrap.BadInputCorpus.MAX_MESSAGE_BYTES;
import static io.incidentstream.bootstrap.BadInputCorpus.NEVER;
import static io.incidentstream.bootstrap.BadInputCorpus.UUID_A;
import static io.incidentstream.bootstrap.BadInputCorpus.UUID_B;
import static io.incidentstream.bootstrap.BadInputCorpus.concat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generated WebSocket corpus: text messages with wrong types, missing fields, unknown values,
 * bad UUIDs and lengths at and over the limits (their JSON syntax is {@link WebSocketSyntaxCorpus}'s),
 * beside the boundary values that are accepted; and binary frames, which are never served.
 */
final class WebSocketBadInputCorpus {

    private WebSocketBadInputCorpus() {}

    /** Every text message of the corpus, each to be sent on a connection of its own. */
    static List<WsCase> textMessages() {
        List<WsCase> cases = new ArrayList<>();
        validBaselines(cases);
        truncations(cases);
        wrongTypes(cases);
        missingFields(cases);
        unknownValues(cases);
        badUuids(cases);
        WebSocketSyntaxCorpus.numbers(cases);
        WebSocketSyntaxCorpus.nesting(cases);
        lengths(cases);
        WebSocketSyntaxCorpus.controlCharacters(cases);
        WebSocketSyntaxCorpus.surrogates(cases);
        WebSocketSyntaxCorpus.emptyAndScalars(cases);
        WebSocketSyntaxCorpus.duplicatesAndGarbage(cases);
        return cases;
    }

    /** Binary frames, valid JSON or not, of every size up to the limit: all refused with {@code UNSUPPORTED}. */
    static List<WsCase> binaryFrames() {
        Map<String, byte[]> frames = new LinkedHashMap<>();
        INVALID_UTF8.forEach((name, bytes) -> frames.put(
                "invalid UTF-8 " + name,
                concat(
                        "{\"type\":\"ping\",\"timestamp\":\"".getBytes(StandardCharsets.UTF_8),
                        bytes,
                        "\"}".getBytes(StandardCharsets.UTF_8))));
        INVALID_UTF8.forEach((name, bytes) -> frames.put("bare invalid UTF-8 " + name, bytes));
        frames.put("a valid ping, as binary", "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
        frames.put(
                "a valid subscribe, as binary",
                ("{\"type\":\"subscribe\",\"subscription_id\":\"bin\",\"filters\":{" + NEVER + "}}")
                        .getBytes(StandardCharsets.UTF_8));
        frames.put("ping as UTF-16", "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_16));
        frames.put("empty", new byte[0]);
        frames.put("one zero byte", new byte[1]);
        frames.put("exactly max_message_bytes", new byte[MAX_MESSAGE_BYTES]);
        frames.put("gzip magic", new byte[] {0x1f, (byte) 0x8b, 8, 0});
        List<WsCase> cases = new ArrayList<>();
        frames.forEach((name, bytes) -> cases.add(WsCase.binary("binary: " + name, bytes, "UNSUPPORTED")));
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
        cases.add(
                WsCase.reply("valid unsubscribe", UNSUBSCRIBE, "unsubscribed").after(List.of(SUBSCRIBE), "subscribed"));
        cases.add(WsCase.reply("unsubscribe again", UNSUBSCRIBE, "error")
                .withCode("NOT_FOUND")
                .after(List.of(SUBSCRIBE, UNSUBSCRIBE), "subscribed", "unsubscribed"));
        cases.add(WsCase.reply("refresh on an open server", REFRESH, "refreshed"));
        cases.add(WsCase.reply(
                "subscribe with a snapshot",
                "{\"type\":\"subscribe\",\"subscription_id\":\"ok\"," + "\"filters\":{" + NEVER
                        + "},\"snapshot\":true}",
                "subscribed",
                "snapshot"));
        cases.add(WsCase.reply(
                "unknown fields are ignored outside filters",
                "{\"type\":\"ping\",\"extra\":{\"a\":[1,2]}," + "\"timestamp\":\"x\"}",
                "pong"));
        cases.add(WsCase.reply(
                "null fields count as absent",
                "{\"type\":\"subscribe\",\"subscription_id\":\"ok\"," + "\"filters\":{" + NEVER
                        + ",\"severities\":null},\"since\":null,\"epoch\":null,\"snapshot\":null}",
                "subscribed"));
        cases.add(WsCase.reply("whitespace around the document", " \t\r\n" + PING + " \n\t ", "pong"));
    }

    private static void truncations(List<WsCase> cases) {
        for (String message : List.of(SUBSCRIBE, PING, ACK, UNSUBSCRIBE, REFRESH)) {
            String kind = message.substring(9, message.indexOf('"', 9));
            for (int length = 0; length < message.length(); length++) {
                cases.add(WsCase.invalid(
                        kind + " truncated to " + length + " chars",
                        message.substring(0, length),
                        length == 0 ? "empty" : null));
            }
        }
    }

    /** JSON values of the wrong type for each kind of field: (raw JSON, what to append to the field's path). */
    private static void wrongTypes(List<WsCase> cases) {
        String sub = "{\"type\":\"subscribe\",\"subscription_id\":\"wt\",\"filters\":{" + NEVER + "}";
        for (String wrong : List.of("1", "1.5", "true", "[]", "{}", "[\"wt\"]")) {
            cases.add(WsCase.invalid(
                    "subscription_id = " + wrong,
                    "{\"type\":\"subscribe\",\"subscription_id\":" + wrong + "}",
                    "subscription_id must be a string"));
            cases.add(WsCase.invalid(
                    "unsubscribe subscription_id = " + wrong,
                    "{\"type\":\"unsubscribe\"," + "\"subscription_id\":" + wrong + "}",
                    "subscription_id must be a string"));
            cases.add(WsCase.invalid(
                    "ack message_id = " + wrong,
                    "{\"type\":\"ack\",\"message_id\":" + wrong + "}",
                    "message_id must be a"));
            cases.add(WsCase.invalid(
                    "refresh token = " + wrong,
                    "{\"type\":\"refresh\",\"token\":" + wrong + "}",
                    "token must be a string"));
            cases.add(WsCase.invalid("type = " + wrong, "{\"type\":" + wrong + "}", "type must be a string"));
        }
        for (String wrong : List.of("\"x\"", "1", "true", "[]", "[{}]")) {
            cases.add(WsCase.invalid(
                    "filters = " + wrong,
                    "{\"type\":\"subscribe\",\"subscription_id\":\"wt\"," + "\"filters\":" + wrong + "}",
                    "filters must be a JSON object"));
        }
        for (String wrong : List.of(
                "\"5\"",
                "1.5",
                "1.0",
                "true",
                "[]",
                "{}",
                "-1",
                "9223372036854775808",
                "-9223372036854775809",
                "1e400",
                "1e2")) {
            cases.add(WsCase.invalid("since = " + wrong, sub + ",\"since\":" + wrong + ",\"epoch\":\"e\"}", "since"));
        }
        for (String wrong : List.of("1", "true", "[]", "{}")) {
            cases.add(WsCase.invalid(
                    "epoch = " + wrong, sub + ",\"since\":0,\"epoch\":" + wrong + "}", "epoch must be a string"));
        }
        for (String wrong : List.of("\"true\"", "1", "0", "[]", "{}", "\"yes\"")) {
            cases.add(WsCase.invalid(
                    "snapshot = " + wrong, sub + ",\"snapshot\":" + wrong + "}", "snapshot must be a boolean"));
        }
        for (String key :
                List.of("event_types", "severities", "states", "sources", "affected_resources", "incident_ids")) {
            for (String[] wrong : new String[][] {
                {"\"x\"", ""},
                {"1", ""},
                {"true", ""},
                {"{}", ""},
                {"[1]", "[0]"},
                {"[true]", "[0]"},
                {"[null]", "[0]"},
                {"[[]]", "[0]"},
                {"[{}]", "[0]"}
            }) {
                cases.add(WsCase.invalid(
                        "filters." + key + " = " + wrong[0],
                        "{\"type\":\"subscribe\"," + "\"subscription_id\":\"wt\",\"filters\":{\"" + key + "\":"
                                + wrong[0] + "}}",
                        "filters." + key + wrong[1] + " must be"));
            }
        }
        for (String[] wrong : new String[][] {
            {"\"x\"", ""},
            {"1", ""},
            {"[]", ""},
            {"[\"a\"]", ""},
            {"{\"k\":1}", ".k"},
            {"{\"k\":true}", ".k"},
            {"{\"k\":[]}", ".k"},
            {"{\"k\":{}}", ".k"},
            {"{\"k\":null}", ".k"}
        }) {
            cases.add(WsCase.invalid(
                    "filters.labels = " + wrong[0],
                    "{\"type\":\"subscribe\",\"subscription_id\":\"wt\"," + "\"filters\":{\"labels\":" + wrong[0]
                            + "}}",
                    "filters.labels" + wrong[1] + " must be"));
        }
        for (String wrong : List.of("true", "false", "{}", "[]", "[1]", "{\"t\":1}")) {
            cases.add(WsCase.invalid(
                    "ping timestamp = " + wrong,
                    "{\"type\":\"ping\",\"timestamp\":" + wrong + "}",
                    "timestamp must be a string or a number"));
        }
    }

    private static void missingFields(List<WsCase> cases) {
        cases.add(WsCase.invalid("no type", "{\"subscription_id\":\"s\"}", "missing required field 'type'"));
        cases.add(WsCase.invalid("type null", "{\"type\":null}", "missing required field 'type'"));
        cases.add(WsCase.invalid(
                "subscribe without subscription_id",
                "{\"type\":\"subscribe\",\"filters\":{}}",
                "missing required field 'subscription_id'"));
        cases.add(WsCase.invalid(
                "subscribe with subscription_id null",
                "{\"type\":\"subscribe\",\"subscription_id\":null}",
                "missing required field 'subscription_id'"));
        cases.add(WsCase.invalid(
                "unsubscribe without subscription_id",
                "{\"type\":\"unsubscribe\"}",
                "missing required field 'subscription_id'"));
        cases.add(
                WsCase.invalid("ack without message_id", "{\"type\":\"ack\"}", "missing required field 'message_id'"));
        cases.add(WsCase.invalid("refresh without token", "{\"type\":\"refresh\"}", "missing required field 'token'"));
        cases.add(WsCase.invalid(
                "since without epoch",
                "{\"type\":\"subscribe\",\"subscription_id\":\"s\",\"since\":5}",
                "'since' and 'epoch' go together"));
        cases.add(WsCase.invalid(
                "epoch without since",
                "{\"type\":\"subscribe\",\"subscription_id\":\"s\",\"epoch\":\"e\"}",
                "'since' and 'epoch' go together"));
    }

    private static void unknownValues(List<WsCase> cases) {
        for (String type : List.of(
                "",
                "Subscribe",
                "SUBSCRIBE",
                " subscribe",
                "subscribe ",
                "sub",
                "hello",
                "event",
                "welcome",
                "pong",
                "subscribed",
                "subscribe\\u0000",
                "ping\\n",
                "unsubscribe_all",
                "Ping")) {
            cases.add(WsCase.invalid(
                    "unknown type '" + type + "'", "{\"type\":\"" + type + "\"}", "unknown message type"));
        }
        Map<String, List<String>> enums = Map.of(
                "severities", List.of("p0", "P5", "", "P 0", "critical", "P00", "P0 ", "High"),
                "states", List.of("detected", "Open", "Resolved ", "DETECTED", "active", "closed"),
                "event_types",
                        List.of(
                                "Incident_Created",
                                "incident-created",
                                "incident_deleted",
                                "",
                                "IncidentCreated",
                                "event",
                                "incident_created "));
        enums.forEach((key, values) -> values.forEach(value -> cases.add(WsCase.invalid(
                "filters." + key + " has '" + value + "'",
                "{\"type\":\"subscribe\",\"subscription_id\":\"s\",\"filters\":{\"" + key + "\":[\"" + value + "\"]}}",
                "filters." + key + "[0] has unknown value"))));
        for (String key : List.of(
                "severity",
                "Severities",
                "event_type",
                "incident_id",
                "label",
                "source",
                "priority",
                "",
                "states ",
                "types")) {
            cases.add(WsCase.invalid(
                    "unknown filter key '" + key + "'",
                    "{\"type\":\"subscribe\",\"subscription_id\":\"s\"," + "\"filters\":{\"" + key + "\":[]}}",
                    "unknown filter key"));
        }
    }

    private static void badUuids(List<WsCase> cases) {
        for (String bad : BAD_UUIDS) {
            cases.add(WsCase.invalid(
                    "ack message_id '" + bad + "'",
                    "{\"type\":\"ack\",\"message_id\":\"" + bad + "\"}",
                    "message_id must be a UUID"));
            cases.add(WsCase.invalid(
                    "filters.incident_ids has '" + bad + "'",
                    "{\"type\":\"subscribe\"," + "\"subscription_id\":\"s\",\"filters\":{\"incident_ids\":[\"" + UUID_A
                            + "\",\"" + bad + "\"]}}",
                    "filters.incident_ids[1] must be a UUID"));
        }
        cases.add(WsCase.reply(
                "ack with an upper-case UUID", "{\"type\":\"ack\",\"message_id\":\"" + UUID_B.toUpperCase() + "\"}"));
        cases.add(WsCase.reply(
                "filters.incident_ids upper case",
                "{\"type\":\"subscribe\",\"subscription_id\":\"ok\"," + "\"filters\":{" + NEVER
                        + ",\"incident_ids\":[\"" + UUID_A.toUpperCase() + "\"]}}",
                "subscribed"));
    }

    private static void lengths(List<WsCase> cases) {
        String filters = ",\"filters\":{" + NEVER + "}}";
        cases.add(WsCase.reply(
                "subscription_id of 128 chars",
                "{\"type\":\"subscribe\",\"subscription_id\":\"" + "i".repeat(128) + "\"" + filters,
                "subscribed"));
        cases.add(WsCase.invalid(
                "subscription_id of 129 chars",
                "{\"type\":\"subscribe\",\"subscription_id\":\"" + "i".repeat(129) + "\"" + filters,
                "subscription_id must be 1 to 128 characters long"));
        cases.add(WsCase.invalid(
                "subscription_id of 10000 chars",
                "{\"type\":\"subscribe\",\"subscription_id\":\"" + "i".repeat(10_000) + "\"" + filters,
                "subscription_id must be 1 to 128 characters long"));
        cases.add(WsCase.invalid(
                "empty subscription_id",
                "{\"type\":\"subscribe\",\"subscription_id\":\"\"" + filters,
                "subscription_id must be 1 to 128 characters long"));
        cases.add(WsCase.reply(
                "subscription_id of 128 e-acutes",
                "{\"type\":\"subscribe\",\"subscription_id\":\"" + "\u00e9".repeat(128) + "\"" + filters,
                "subscribed"));
        cases.add(WsCase.invalid(
                "subscription_id of 129 e-acutes",
                "{\"type\":\"subscribe\",\"subscription_id\":\"" + "\u00e9".repeat(129) + "\"" + filters,
                "subscription_id must be 1 to 128"));
        cases.add(WsCase.reply(
                "subscription_id of 64 emoji",
                "{\"type\":\"subscribe\",\"subscription_id\":\"" + "\ud83d\ude00".repeat(64) + "\"" + filters,
                "subscribed"));
        cases.add(WsCase.reply(
                "subscription_id of 65 emoji (65 characters)",
                "{\"type\":\"subscribe\",\"subscription_id\":\"" + "\ud83d\ude00".repeat(65) + "\"" + filters,
                "subscribed"));
        cases.add(WsCase.invalid(
                "unsubscribe subscription_id of 129 chars",
                "{\"type\":\"unsubscribe\",\"subscription_id\":\"" + "i".repeat(129) + "\"}",
                "subscription_id must be 1 to 128"));
        cases.add(WsCase.reply(
                "ping timestamp of 60000 chars",
                "{\"type\":\"ping\",\"timestamp\":\"" + "t".repeat(60_000) + "\"}",
                "pong"));
        cases.add(WsCase.reply(
                "a filter value of 10000 chars",
                "{\"type\":\"subscribe\",\"subscription_id\":\"ok\"," + "\"filters\":{\"sources\":[\""
                        + "s".repeat(10_000) + "\"]}}",
                "subscribed"));
        cases.add(WsCase.reply(
                "a filter list of 100 values",
                "{\"type\":\"subscribe\",\"subscription_id\":\"ok\"," + "\"filters\":{\"sources\":" + values(100)
                        + "}}",
                "subscribed"));
        cases.add(WsCase.error(
                "a filter list of 101 values",
                "{\"type\":\"subscribe\",\"subscription_id\":\"ok\"," + "\"filters\":{\"sources\":" + values(101)
                        + "}}",
                "SUBSCRIPTION_LIMIT"));
        cases.add(WsCase.reply(
                "labels with 100 pairs",
                "{\"type\":\"subscribe\",\"subscription_id\":\"ok\"," + "\"filters\":{" + NEVER + ",\"labels\":"
                        + labels(100) + "}}",
                "subscribed"));
        cases.add(WsCase.error(
                "labels with 101 pairs",
                "{\"type\":\"subscribe\",\"subscription_id\":\"ok\"," + "\"filters\":{" + NEVER + ",\"labels\":"
                        + labels(101) + "}}",
                "SUBSCRIPTION_LIMIT"));
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
