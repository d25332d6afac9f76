package io.incidentstream.bootstrap;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the bad-input corpora share: the server's settings and limits, the values the inputs are made
 * of, and small helpers to build them. The corpora themselves are {@link WebSocketBadInputCorpus},
 * {@link WebSocketSyntaxCorpus}, {@link WebSocketClosingCorpus} and {@link HttpBadInputCorpus}.
 */
final class BadInputCorpus {

    static final String KEY = "publisher-key-for-the-corpus-0001";
    static final int MAX_MESSAGE_BYTES = 65_536;
    static final int MAX_EVENT_BYTES = 262_144;
    static final int MAX_REQUEST_BYTES = 1_048_576;
    static final String UUID_A = "3f8a1c2e-9b4d-4e6f-8a7b-1c2d3e4f5a6b";
    static final String UUID_B = "6f1c2a8e-5a0b-4a53-9d1e-2b7f7c1d9a10";
    /** A filter that nothing in the corpora matches. */
    static final String NEVER = "\"sources\":[\"corpus-never\"]";

    static final List<String> JSON_HEADERS = List.of("Authorization: Bearer " + KEY, "Content-Type: application/json");

    /**
     * The server the corpora run against: a publisher key, no rate limit in the way of thousands of
     * messages on one connection, and no heartbeat (3600 s) to interleave with the replies.
     */
    static final Map<String, String> SETTINGS = Map.of(
            "api_keys",
            KEY,
            "max_messages_per_sec",
            "100000",
            "max_request_bytes",
            String.valueOf(MAX_REQUEST_BYTES),
            "heartbeat_interval_secs",
            "3600");

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

    static final List<String> BAD_UUIDS = List.of(
            "",
            "abc",
            "3f8a1c2e9b4d4e6f8a7b1c2d3e4f5a6b",
            "3f8a1c2e-9b4d-4e6f-8a7b-1c2d3e4f5a6",
            "3f8a1c2e-9b4d-4e6f-8a7b-1c2d3e4f5a6bb",
            "{3f8a1c2e-9b4d-4e6f-8a7b-1c2d3e4f5a6b}",
            "urn:uuid:3f8a1c2e-9b4d-4e6f-8a7b-1c2d3e4f5a6b",
            "3f8a1c2e-9b4d-4e6f-8a7b-1c2d3e4f5a6g",
            " 3f8a1c2e-9b4d-4e6f-8a7b-1c2d3e4f5a6b",
            "3f8a1c2e-9b4d-4e6f-8a7b_1c2d3e4f5a6b",
            "3f8a1c2e-9b4d-4e6f-8a7b-1c2d3e4f5a6b\\n",
            "-1");

    private BadInputCorpus() {}

    static String arrays(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    static String objects(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
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
            shown.append(
                    c < 0x20 || c == 0x7f || c == 0xa0 || c == 0xfeff || c == 0x2028
                            ? String.format("\\u%04x", (int) c)
                            : String.valueOf(c));
        }
        return RawWire.abbreviate(shown.toString());
    }
}
