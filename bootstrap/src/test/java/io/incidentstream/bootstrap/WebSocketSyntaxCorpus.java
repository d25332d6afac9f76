package io.incidentstream.bootstrap;

import static io.incidentstream.bootstrap.BadInputCorpus.NEVER;
import static io.incidentstream.bootstrap.BadInputCorpus.arrays;
import static io.incidentstream.bootstrap.BadInputCorpus.objects;
import static io.incidentstream.bootstrap.BadInputCorpus.visible;
import static io.incidentstream.bootstrap.WebSocketBadInputCorpus.PING;

import java.util.List;

/**
 * The part of the WebSocket text corpus about JSON itself: number tokens, nesting depth, control
 * characters, escapes and surrogates, documents that are empty or not objects, duplicate keys and
 * garbage around a valid message.
 */
final class WebSocketSyntaxCorpus {

    private WebSocketSyntaxCorpus() {}

    static void numbers(List<WsCase> cases) {
        String sub = "{\"type\":\"subscribe\",\"subscription_id\":\"ok\",\"filters\":{" + NEVER + "}";
        cases.add(WsCase.reply(
                "since = Long.MAX_VALUE", sub + ",\"since\":9223372036854775807,\"epoch\":\"e\"}", "subscribed"));
        cases.add(WsCase.reply("since = 0", sub + ",\"since\":0,\"epoch\":\"e\"}", "subscribed"));
        for (String ok : List.of("1e308", "-1e308", "123456789012345678901234567890", "-0", "0.1", "1e-400", "0")) {
            cases.add(WsCase.reply("ping timestamp " + ok, "{\"type\":\"ping\",\"timestamp\":" + ok + "}", "pong"));
        }
        for (String huge : List.of("1e400", "-1e400", "1.7976931348623159e308")) {
            cases.add(WsCase.invalid(
                    "ping timestamp " + huge,
                    "{\"type\":\"ping\",\"timestamp\":" + huge + "}",
                    "timestamp must be a finite number"));
        }
        for (String token : List.of(
                "NaN",
                "Infinity",
                "-Infinity",
                "+Infinity",
                "+1",
                "01",
                ".5",
                "1.",
                "0x1F",
                "1e",
                "--1",
                "-",
                "1e+",
                "nan",
                "undefined",
                "1_000")) {
            cases.add(WsCase.invalid(
                    "ping timestamp token " + token,
                    "{\"type\":\"ping\",\"timestamp\":" + token + "}",
                    "not valid JSON"));
            cases.add(WsCase.invalid(
                    "since token " + token, sub + ",\"since\":" + token + ",\"epoch\":\"e\"}", "not valid JSON"));
        }
    }

    static void nesting(List<WsCase> cases) {
        // The root object is level 1, so k nested containers inside it make a document k + 1 deep.
        cases.add(WsCase.reply("arrays nested to depth 32", "{\"type\":\"ping\",\"x\":" + arrays(31) + "}", "pong"));
        cases.add(WsCase.invalid(
                "arrays nested to depth 33", "{\"type\":\"ping\",\"x\":" + arrays(32) + "}", "nesting depth"));
        cases.add(WsCase.reply("objects nested to depth 32", "{\"type\":\"ping\",\"x\":" + objects(31) + "}", "pong"));
        cases.add(WsCase.invalid(
                "objects nested to depth 33", "{\"type\":\"ping\",\"x\":" + objects(32) + "}", "nesting depth"));
        cases.add(WsCase.invalid(
                "arrays nested to depth 1000", "{\"type\":\"ping\",\"x\":" + arrays(999) + "}", "nesting depth"));
        cases.add(WsCase.invalid(
                "arrays nested to depth 30000", "{\"type\":\"ping\",\"x\":" + arrays(29_999) + "}", "nesting depth"));
        cases.add(WsCase.invalid("30000 unclosed arrays", "[".repeat(30_000), null));
        cases.add(WsCase.invalid("30000 unclosed objects", "{\"a\":".repeat(10_000), null));
        cases.add(WsCase.invalid("a top-level array 33 deep", arrays(33), null));
        cases.add(WsCase.invalid(
                "deep value inside filters.labels",
                "{\"type\":\"subscribe\",\"subscription_id\":\"s\"," + "\"filters\":{\"labels\":{\"k\":" + objects(20)
                        + "}}}",
                "filters.labels.k must be a string"));
        cases.add(WsCase.invalid(
                "deep value inside filters.sources",
                "{\"type\":\"subscribe\",\"subscription_id\":\"s\"," + "\"filters\":{\"sources\":" + arrays(20) + "}}",
                "filters.sources[0] must be a string"));
    }

    static void controlCharacters(List<WsCase> cases) {
        for (char c = 0; c < 0x20; c++) {
            cases.add(WsCase.invalid(
                    String.format("raw U+%04X inside a string", (int) c),
                    "{\"type\":\"ping\"," + "\"timestamp\":\"a" + c + "b\"}",
                    "not valid JSON"));
            if (c != '\t' && c != '\n' && c != '\r') {
                cases.add(WsCase.invalid(
                        String.format("raw U+%04X between tokens", (int) c),
                        "{\"type\":\"ping\"" + c + "}",
                        "not valid JSON"));
            }
        }
        cases.add(WsCase.invalid("raw U+007F between tokens", "{\"type\":\"ping\"\u007f}", "not valid JSON"));
        cases.add(WsCase.reply("raw U+007F inside a string", "{\"type\":\"ping\",\"timestamp\":\"a\u007fb\"}", "pong"));
        cases.add(WsCase.reply("raw U+0085 inside a string", "{\"type\":\"ping\",\"timestamp\":\"a\u0085b\"}", "pong"));
        cases.add(
                WsCase.reply("escaped NUL inside a string", "{\"type\":\"ping\",\"timestamp\":\"a\\u0000b\"}", "pong"));
        cases.add(WsCase.reply(
                "escaped NUL in a subscription_id",
                "{\"type\":\"subscribe\",\"subscription_id\":" + "\"a\\u0000b\",\"filters\":{" + NEVER + "}}",
                "subscribed"));
        for (String escape : List.of("\\x41", "\\u12", "\\uZZZZ", "\\a", "\\", "\\U0041", "\\'")) {
            cases.add(WsCase.invalid(
                    "bad escape " + escape, "{\"type\":\"ping\",\"timestamp\":\"" + escape + "\"}", "not valid JSON"));
        }
    }

    static void surrogates(List<WsCase> cases) {
        for (String lone :
                List.of("\\ud800", "\\udfff", "a\\ud800", "\\ud800b", "\\udc00\\ud800", "\\ud800\\ud800", "\\udbff")) {
            cases.add(WsCase.invalid(
                    "subscription_id with " + lone,
                    "{\"type\":\"subscribe\",\"subscription_id\":\"" + lone + "\",\"filters\":{" + NEVER + "}}",
                    "unpaired surrogate"));
            cases.add(WsCase.invalid(
                    "unsubscribe subscription_id with " + lone,
                    "{\"type\":\"unsubscribe\"," + "\"subscription_id\":\"" + lone + "\"}",
                    "unpaired surrogate"));
        }
        cases.add(WsCase.reply(
                "subscription_id with a valid pair",
                "{\"type\":\"subscribe\",\"subscription_id\":" + "\"\\ud83d\\ude00\",\"filters\":{" + NEVER + "}}",
                "subscribed"));
        cases.add(WsCase.reply(
                "ping timestamp with a lone surrogate (echoed as an escape)",
                "{\"type\":\"ping\",\"timestamp\":\"\\ud800\"}",
                "pong"));
        cases.add(WsCase.invalid("type with a lone surrogate", "{\"type\":\"\\ud800\"}", "unknown message type"));
        cases.add(WsCase.reply(
                "a filter source with a lone surrogate",
                "{\"type\":\"subscribe\",\"subscription_id\":" + "\"ok\",\"filters\":{\"sources\":[\"\\udbff\"]}}",
                "subscribed"));
    }

    static void emptyAndScalars(List<WsCase> cases) {
        for (String empty : List.of("", " ", "\n", "\t\r\n ", "    \n\n")) {
            cases.add(WsCase.invalid("whitespace only (" + empty.length() + " chars)", empty, "empty"));
        }
        for (String scalar : List.of(
                "null", "true", "false", "1", "-1.5", "\"ping\"", "[]", "[{\"type\":\"ping\"}]", "[\"ping\"]")) {
            cases.add(WsCase.invalid("not an object: " + scalar, scalar, "must be a JSON object"));
        }
    }

    static void duplicatesAndGarbage(List<WsCase> cases) {
        for (String duplicate : List.of(
                "{\"type\":\"ping\",\"type\":\"ping\"}",
                "{\"type\":\"ping\",\"timestamp\":1,\"timestamp\":2}",
                "{\"type\":\"subscribe\",\"subscription_id\":\"a\",\"subscription_id\":\"b\"}",
                "{\"type\":\"subscribe\",\"subscription_id\":\"a\",\"filters\":{\"sources\":[],\"sources\":[]}}",
                "{\"type\":\"subscribe\",\"subscription_id\":\"a\",\"filters\":{\"labels\":{\"k\":\"1\",\"k\":\"2\"}}}",
                "{\"type\":\"ping\",\"x\":{\"a\":1,\"a\":1}}")) {
            cases.add(WsCase.invalid("duplicate key: " + duplicate, duplicate, "Duplicate field"));
        }
        for (String garbage : List.of(
                " x",
                "}",
                "]",
                "{\"type\":\"ping\"}",
                " {\"type\":\"ping\"}",
                ",",
                "//c",
                "/*c*/",
                " null",
                " 1",
                "\u0000",
                "\"",
                "\u00a0")) {
            cases.add(WsCase.invalid("trailing " + visible(garbage), PING + garbage, "not valid JSON"));
        }
        for (String garbage : List.of("x", ",", "\ufeff", "\u00a0", ")]}'\n", "/*c*/")) {
            cases.add(WsCase.invalid("leading " + visible(garbage), garbage + PING, "not valid JSON"));
        }
        for (String broken : List.of(
                "{'type':'ping'}",
                "{type:\"ping\"}",
                "{\"type\":\"ping\",}",
                "{/*c*/\"type\":\"ping\"}",
                "{\"type\" \"ping\"}",
                "{\"type\":\"ping\" \"timestamp\":1}",
                "{\"type\":\"ping\",,\"timestamp\":1}",
                "{\"type\":'ping'}",
                "{\"type\":\"ping\"",
                "{\"type\"}",
                "{:\"ping\"}",
                "{\"type\":\"subscribe\",\"subscription_id\":\"s\",\"filters\":{\"sources\":[\"a\",]}}",
                "{\"type\":\"ping\"}\u2028",
                "{\"type\":\"pi\nng\"}",
                "{\"type\":\"ping\",\"timestamp\":True}",
                "{\"type\":\"ping\",\"timestamp\":NULL}")) {
            cases.add(WsCase.invalid("malformed: " + visible(broken), broken, "not valid JSON"));
        }
    }
}
