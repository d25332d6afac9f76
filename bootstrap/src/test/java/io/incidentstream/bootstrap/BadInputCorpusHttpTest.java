package io.incidentstream.bootstrap;

import static io.incidentstream.bootstrap.BadInputCorpus.JSON_HEADERS;
import static io.incidentstream.bootstrap.BadInputCorpus.MAX_EVENT_BYTES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP bad-input corpus: each request gets the documented status with the JSON error envelope
 * and code (and the field path where the docs promise one), and {@code last_seq} in the stats does
 * not move for a refusal; accepted boundary values move it by what they published. What the whole
 * corpus leaves behind is {@link BadInputCorpusAftermathTest}'s.
 */
class BadInputCorpusHttpTest {

    /*
     * One server for the class is safe: a refusal changes nothing (each case checks that last_seq
     * stays put), and what the accepted cases publish no other case reads: the incidents they
     * create have the id UUID_A or a fresh one, the only read by id asks for UUID_B (404), and the
     * list queries expect 200 whatever they list. Each case measures last_seq just before and just
     * after its own request; JUnit runs the cases of a class one at a time, and nothing else
     * publishes to this server.
     */
    @RegisterExtension
    static final RunningServer SERVER = new RunningServer(BadInputCorpus.SETTINGS);

    @ParameterizedTest(name = "http: {0}")
    @MethodSource("io.incidentstream.bootstrap.HttpBadInputCorpus#all")
    void request(HttpCase c) throws Exception {
        long before = lastSeq(SERVER.port());
        RawWire.Response response = RawWire.request(SERVER.port(), c.head(), c.headers(), c.body());
        long published = lastSeq(SERVER.port()) - before;
        String input = "[" + c.name() + "] " + c.head() + " "
                + (c.body() == null ? "" : RawWire.abbreviate(new String(c.body(), StandardCharsets.UTF_8)));
        assertThat(response.status()).as("status for %s: %s", input, response).isEqualTo(c.status());
        if (c.code() == null) {
            assertThat(published).as("events published by %s", input).isEqualTo(c.published());
            return;
        }
        assertThat(published)
                .as("a refused request publishes nothing: %s", input)
                .isZero();
        assertThat(response.header("Content-Type"))
                .as("content type of %s", response)
                .startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.size()).as("only the envelope: %s", body).isEqualTo(1);
        JsonNode error = body.path("error");
        assertThat(error.isObject()).as("the error envelope: %s", body).isTrue();
        assertThat(error.path("message").isTextual()
                        && !error.path("message").asText().isBlank())
                .as("a message in %s", body)
                .isTrue();
        assertThat(error.has("details")
                        && (error.get("details").isNull()
                                || error.get("details").isObject()))
                .as("details null or an object in %s", body)
                .isTrue();
        assertThat(error.path("code").asText())
                .as("code for %s: %s", input, body)
                .isEqualTo(c.code());
        if (c.field() != null && c.code().equals("EVENT_TOO_LARGE")) {
            assertThat(error.path("details").path("index").asText())
                    .as("index for %s: %s", input, body)
                    .isEqualTo(c.field());
        } else if (c.field() != null) {
            assertThat(error.path("details").path("field").asText(null))
                    .as("field for %s: %s", input, body)
                    .isEqualTo(c.field());
        }
        if (c.status() == 405) {
            assertThat(response.header("Allow")).as("Allow header").isNotBlank();
        }
        if (c.status() == 401) {
            assertThat(response.header("WWW-Authenticate"))
                    .as("WWW-Authenticate")
                    .startsWith("Bearer");
        }
    }

    @Test
    void anEventOfExactlyMaxEventBytesIsAccepted_oneByteMoreRefused() throws Exception {
        eventSizeBoundary(SERVER.port());
    }

    /**
     * The size that counts is the event as subscribers get it: measured once from a refusal, then met
     * exactly; the one event that fits is published.
     */
    static void eventSizeBoundary(int port) throws Exception {
        long before = lastSeq(port);
        int probe = 300_000;
        RawWire.Response tooLarge =
                post(port, "/api/v1/incidents", HttpCorpusDocuments.fixedIncident("x".repeat(probe)));
        assertThat(tooLarge.status()).isEqualTo(413);
        JsonNode details = tooLarge.json().path("error").path("details");
        assertThat(tooLarge.json().path("error").path("code").asText()).isEqualTo("EVENT_TOO_LARGE");
        assertThat(details.path("max_event_bytes").asInt()).isEqualTo(MAX_EVENT_BYTES);
        assertThat(details.path("index").asInt()).isZero();
        int exact = probe - (details.path("size_bytes").asInt() - MAX_EVENT_BYTES);

        RawWire.Response over =
                post(port, "/api/v1/incidents", HttpCorpusDocuments.fixedIncident("x".repeat(exact + 1)));
        assertThat(over.status()).as(over.toString()).isEqualTo(413);
        assertThat(over.json().path("error").path("details").path("size_bytes").asInt())
                .isEqualTo(MAX_EVENT_BYTES + 1);
        assertThat(lastSeq(port)).as("nothing published").isEqualTo(before);

        RawWire.Response fits = post(port, "/api/v1/incidents", HttpCorpusDocuments.fixedIncident("x".repeat(exact)));
        assertThat(fits.status()).as(fits.toString()).isEqualTo(202);
        assertThat(lastSeq(port)).isEqualTo(before + 1);
    }

    static long lastSeq(int port) throws Exception {
        RawWire.Response stats = RawWire.request(port, "GET /api/v1/stats", List.of(), null);
        assertThat(stats.status()).isEqualTo(200);
        return stats.json().path("last_seq").asLong();
    }

    static RawWire.Response post(int port, String path, String body) throws Exception {
        return RawWire.request(port, "POST " + path, JSON_HEADERS, body.getBytes(StandardCharsets.UTF_8));
    }
}
