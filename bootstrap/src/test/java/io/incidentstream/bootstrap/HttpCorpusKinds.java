package io.incidentstream.bootstrap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the HTTP corpus is written with: a JSON document it edits one field at a time, the kinds of
 * those fields, and values of the wrong type for each kind.
 */
final class HttpCorpusKinds {

    private HttpCorpusKinds() {}

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
            fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "")
                    .append('"')
                    .append(name)
                    .append("\":")
                    .append(value));
            return json.append('}').toString();
        }
    }

    enum Kind {
        STRING,
        ENUM,
        UUID,
        TIME,
        STRINGS,
        UUIDS,
        STRING_MAP,
        OBJECT,
        OBJECTS,
        NUMBER,
        BOOL,
        INT
    }

    /** Values of the wrong type for a kind: {raw JSON, suffix of the path the error names}. */
    static List<String[]> wrong(Kind kind) {
        return switch (kind) {
            case STRING ->
                List.of(
                        new String[] {"1", ""},
                        new String[] {"true", ""},
                        new String[] {"[]", ""},
                        new String[] {"{}", ""},
                        new String[] {"1.5", ""});
            case ENUM ->
                List.of(
                        new String[] {"1", ""},
                        new String[] {"true", ""},
                        new String[] {"[]", ""},
                        new String[] {"{}", ""},
                        new String[] {"[\"P1\"]", ""});
            case UUID ->
                List.of(
                        new String[] {"1", ""},
                        new String[] {"true", ""},
                        new String[] {"[]", ""},
                        new String[] {"{}", ""},
                        new String[] {"\"not-a-uuid\"", ""});
            case TIME ->
                List.of(
                        new String[] {"1", ""},
                        new String[] {"1700000000000", ""},
                        new String[] {"true", ""},
                        new String[] {"[]", ""},
                        new String[] {"\"yesterday\"", ""},
                        new String[] {"\"2026-01-01T00:00:00\"", ""},
                        new String[] {"\"2026-01-01\"", ""},
                        new String[] {"\"2026-02-30T00:00:00Z\"", ""},
                        new String[] {"\"2026-01-01 00:00:00Z\"", ""});
            case STRINGS ->
                List.of(
                        new String[] {"\"x\"", ""},
                        new String[] {"1", ""},
                        new String[] {"{}", ""},
                        new String[] {"[1]", "[0]"},
                        new String[] {"[\"a\",true]", "[1]"},
                        new String[] {"[null]", "[0]"},
                        new String[] {"[[]]", "[0]"},
                        new String[] {"[{}]", "[0]"});
            case UUIDS ->
                List.of(
                        new String[] {"\"x\"", ""},
                        new String[] {"1", ""},
                        new String[] {"{}", ""},
                        new String[] {"[1]", "[0]"},
                        new String[] {"[\"nope\"]", "[0]"});
            case STRING_MAP ->
                List.of(
                        new String[] {"\"x\"", ""},
                        new String[] {"1", ""},
                        new String[] {"[]", ""},
                        new String[] {"true", ""},
                        new String[] {"{\"k\":1}", ".k"},
                        new String[] {"{\"k\":true}", ".k"},
                        new String[] {"{\"k\":[]}", ".k"},
                        new String[] {"{\"k\":{}}", ".k"},
                        new String[] {"{\"k\":null}", ".k"});
            case OBJECT ->
                List.of(new String[] {"\"x\"", ""}, new String[] {"1", ""}, new String[] {"[]", ""}, new String[] {
                    "true", ""
                });
            case OBJECTS ->
                List.of(
                        new String[] {"\"x\"", ""},
                        new String[] {"1", ""},
                        new String[] {"{}", ""},
                        new String[] {"[1]", "[0]"},
                        new String[] {"[\"x\"]", "[0]"},
                        new String[] {"[[]]", "[0]"});
            case NUMBER ->
                List.of(new String[] {"\"1\"", ""}, new String[] {"true", ""}, new String[] {"[]", ""}, new String[] {
                    "{}", ""
                });
            case BOOL ->
                List.of(
                        new String[] {"\"true\"", ""},
                        new String[] {"1", ""},
                        new String[] {"0", ""},
                        new String[] {"[]", ""},
                        new String[] {"{}", ""},
                        new String[] {"\"false\"", ""});
            case INT ->
                List.of(
                        new String[] {"\"1\"", ""},
                        new String[] {"1.5", ""},
                        new String[] {"1.0", ""},
                        new String[] {"true", ""},
                        new String[] {"[]", ""},
                        new String[] {"{}", ""},
                        new String[] {"-1", ""},
                        new String[] {"2147483648", ""},
                        new String[] {"1e2", ""},
                        new String[] {"99999999999999999999999", ""});
        };
    }

    static Map<String, Kind> fields(Object... pairs) {
        Map<String, Kind> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put((String) pairs[i], (Kind) pairs[i + 1]);
        }
        return fields;
    }
}
