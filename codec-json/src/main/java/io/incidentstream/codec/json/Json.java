package io.incidentstream.codec.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** The one Jackson configuration of the project: strict parsing, bounded nesting, compact output. */
public final class Json {

    /** Deeper documents are refused: nothing in the protocol nests beyond a handful of levels. */
    public static final int MAX_NESTING_DEPTH = 32;

    /** Sets of parse and write buffers kept for reuse; more in use at once are made and dropped. */
    private static final int BUFFER_SETS = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .build())
            // A repeated key is ambiguous (which one did the sender mean?): refuse it rather than guess.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Buffers shared by all threads, at most as many as are in use at once: the default keeps a
            // set per thread, and a connection storm leaves hundreds of pool threads each holding theirs.
            .recyclerPool(JsonRecyclerPools.newBoundedPool(BUFFER_SETS))
            // A character beyond the BMP (an emoji) as its four UTF-8 bytes, not as an escaped
            // surrogate pair of twelve: what subscribers read, and what max_event_bytes counts.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    // Trailing tokens ({"a":1} xyz) mean the document is not what the sender thinks it is.
    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    public static JsonFactory factory() {
        return FACTORY;
    }

    /** Parses a whole document into a tree, or explains in one line why it is not JSON. */
    public static JsonNode parse(String text) {
        return parse(() -> MAPPER.readTree(text));
    }

    /**
     * Parses UTF-8 bytes. Invalid UTF-8 is refused like any other malformed input, and so are other
     * encodings: Jackson would guess UTF-16 or UTF-32 from the first bytes and accept them.
     */
    public static JsonNode parse(byte[] utf8) {
        String text;
        try {
            text = java.nio.charset.StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(utf8))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidJsonException(null, "not valid JSON: the body is not valid UTF-8");
        }
        // A UTF-8 byte order mark is harmless; anything else before the JSON is not.
        return parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    private static JsonNode parse(Reading reading) {
        try {
            JsonNode node = reading.read();
            if (node == null || node.isMissingNode()) {
                throw new InvalidJsonException(null, "the document is empty, expected JSON");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw new InvalidJsonException(null, "not accepted: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new InvalidJsonException(null, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidJsonException(null, "not valid JSON: " + e.getMessage());
        }
    }

    private interface Reading {
        JsonNode read() throws IOException;
    }

    /** Writes a document with {@code body} and returns its UTF-8 bytes. */
    public static byte[] write(JsonWriting body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            body.writeTo(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Like {@link #write}, followed by a newline: for HTTP bodies, so that what a terminal shows after
     * {@code curl} starts on a line of its own (WebSocket frames, one document each, need none).
     */
    public static byte[] writeLine(JsonWriting body) {
        byte[] document = write(body);
        byte[] line = java.util.Arrays.copyOf(document, document.length + 1);
        line[document.length] = '\n';
        return line;
    }

    /**
     * Writes a plain Java value as JSON: null, a {@code Map} (an object, keys as strings), a
     * {@code List}, a {@code Boolean}, a {@code Number} (as its exact decimal text, so a long stays
     * a long and a big decimal keeps its digits) or anything else as its string. The project's one
     * free-form writer: timeline metadata and the details of HTTP errors both go through it.
     */
    public static void writeValue(JsonGenerator out, Object value) throws IOException {
        PlainJson.write(out, value);
    }

    /** RFC 3339 in UTC with {@code Z}, as every timestamp is emitted. */
    public static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** Something that writes itself to a generator. */
    @FunctionalInterface
    public interface JsonWriting {
        void writeTo(JsonGenerator generator) throws IOException;
    }
}
