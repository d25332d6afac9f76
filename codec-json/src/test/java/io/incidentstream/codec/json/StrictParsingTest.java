package io.incidentstream.codec.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Json.parse refuses anything that is not exactly one well-formed, reasonably shallow JSON document. */
class StrictParsingTest {

    private static InvalidJsonException refused(String text) {
        return catchThrowableOfType(InvalidJsonException.class, () -> Json.parse(text));
    }

    private static InvalidJsonException refused(byte[] utf8) {
        return catchThrowableOfType(InvalidJsonException.class, () -> Json.parse(utf8));
    }

    private static String nestedArrays(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"a\":1} xyz", "{\"a\":1}{\"b\":2}", "{\"a\":1} 2", "[] []", "{\"a\":1},"})
    void trailing_tokens_are_refused(String text) {
        InvalidJsonException e = refused(text);

        assertThat(e).hasMessageStartingWith("not valid JSON");
        assertThat(e.field()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"a\":1,\"a\":2}",
                "{\"a\":1,\"a\":1}",
                "{\"o\":{\"k\":\"x\",\"k\":\"y\"}}",
                "[{\"a\":null,\"a\":null}]"
            })
    void duplicate_keys_are_refused_at_any_depth(String text) {
        assertThat(refused(text)).hasMessageContaining("Duplicate field");
    }

    @Test
    void the_same_key_in_sibling_objects_is_not_a_duplicate() {
        assertThat(Json.parse("[{\"a\":1},{\"a\":2}]").size()).isEqualTo(2);
    }

    @Test
    void nesting_up_to_the_maximum_depth_is_accepted() {
        assertThat(Json.parse(nestedArrays(Json.MAX_NESTING_DEPTH)).isArray()).isTrue();
    }

    @Test
    void nesting_deeper_than_the_maximum_is_refused() {
        InvalidJsonException e = refused(nestedArrays(Json.MAX_NESTING_DEPTH + 1));

        assertThat(e).hasMessageStartingWith("not accepted:").hasMessageContaining("nesting depth");
    }

    @Test
    void deep_object_nesting_is_refused_too() {
        String text = "{\"a\":".repeat(Json.MAX_NESTING_DEPTH + 1) + "1" + "}".repeat(Json.MAX_NESTING_DEPTH + 1);

        assertThat(refused(text)).hasMessageStartingWith("not accepted:");
        assertThat(refused(text.getBytes(StandardCharsets.UTF_8))).hasMessageStartingWith("not accepted:");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " ", "\n\t "})
    void an_empty_document_is_refused(String text) {
        assertThat(refused(text)).hasMessage("the document is empty, expected JSON");
        assertThat(refused(text.getBytes(StandardCharsets.UTF_8))).hasMessage("the document is empty, expected JSON");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"{\"a\":", "{'a':1}", "{\"a\":NaN}", "{\"a\":1 /* c */}", "{a:1}", "{\"a\":01}", "{\"a\":[1,]}"})
    void malformed_or_lenient_json_is_refused(String text) {
        assertThat(refused(text)).hasMessageStartingWith("not valid JSON");
    }

    @Test
    void invalid_utf8_bytes_are_refused() {
        byte[][] invalid = {
            bytes("{\"a\":\"", new byte[] {(byte) 0xFF}, "\"}"), // never valid in UTF-8
            bytes("{\"a\":\"", new byte[] {(byte) 0xC3}, "\"}"), // truncated two-byte sequence
            bytes("{\"a\":\"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}"), // overlong '/'
            bytes("{\"a\":\"", new byte[] {(byte) 0x80}, "\"}"), // lone continuation byte
            bytes("{\"a\":\"", new byte[] {(byte) 0xE2, (byte) 0x82}, "\"}"), // truncated three-byte sequence
        };
        for (byte[] document : invalid) {
            assertThat(refused(document)).hasMessageStartingWith("not valid JSON");
        }
    }

    @Test
    void valid_multi_byte_utf8_is_read_as_text() {
        byte[] document = "{\"a\":\"caf\u00e9 \u65e5\u672c \uD83D\uDEA8\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(Json.parse(document).get("a").textValue()).isEqualTo("caf\u00e9 \u65e5\u672c \uD83D\uDEA8");
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
