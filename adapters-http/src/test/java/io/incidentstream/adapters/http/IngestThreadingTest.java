package io.incidentstream.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.codec.json.Json;
import java.util.StringJoiner;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpTester;
import org.junit.jupiter.api.Test;

/**
 * Small bodies are decoded on the thread that read them; large ones, and bodies of unknown length,
 * on Jetty's pool ({@link HttpApi#INLINE_BODY_BYTES}). Both paths answer the same.
 */
class IngestThreadingTest {

    private static final HttpSettings ROOMY = new HttpSettings(2048, 256 * 1024, 1, "1.2.3-test");

    @Test
    void aBatchLargerThanTheInlineLimit_isAccepted_whole() throws Exception {
        StringJoiner batch = new StringJoiner(",", "[", "]");
        String message = "m".repeat(1500);
        for (int i = 0; i < 50; i++) {
            batch.add(Bodies.systemEvent(message + i));
        }
        assertThat((long) batch.length()).isGreaterThan(HttpApi.INLINE_BODY_BYTES);
        try (TestApi api = TestApi.start(StreamSettings.defaults(), ROOMY)) {
            ContentResponse response = api.post("/api/v1/events", batch.toString());

            assertThat(response.getStatus()).isEqualTo(202);
            JsonNode body = TestApi.json(response);
            assertThat(body.get("accepted").intValue()).isEqualTo(50);
            assertThat(body.get("seqs").get(49).longValue()).isEqualTo(50);
        }
    }

    @Test
    void aChunkedBody_ofUnknownLength_isAccepted() throws Exception {
        String event = Bodies.systemEvent("chunked");
        String request = "POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(event.length()) + "\r\n" + event + "\r\n0\r\n\r\n";
        try (TestApi api = TestApi.start()) {
            HttpTester.Response response = api.raw(request);

            assertThat(response.getStatus()).isEqualTo(202);
            assertThat(Json.parse(response.getContent()).get("accepted").intValue())
                    .isEqualTo(1);
        }
    }
}
