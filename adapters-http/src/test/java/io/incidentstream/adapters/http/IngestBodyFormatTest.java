package io.incidentstream.adapters.http;

import static io.incidentstream.adapters.http.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ingest takes well-formed JSON in UTF-8 only: other media types are 415, broken JSON 400; neither publishes. */
class IngestBodyFormatTest {

    @RegisterExtension
    final TestApi api = TestApi.perTest();

    @Test
    void contentTypeWithUtf8Charset_isAccepted() throws Exception {
        ContentResponse response =
                api.post("/api/v1/events", "application/json; charset=UTF-8", Bodies.systemEvent("ok"));

        assertThat(response.getStatus()).isEqualTo(202);
    }

    @Test
    void malformedJson_is400InvalidJson() throws Exception {
        ContentResponse response = api.post("/api/v1/events", "{\"event_type\": ");

        assertError(response, 400, "INVALID_JSON");
        assertThat(TestApi.json(response).at("/error/details").isNull()).isTrue();
        assertThat(api.stream.statistics().statistics().lastSeq()).isZero();
    }

    @Test
    void emptyBody_is400InvalidJson() throws Exception {
        assertError(api.post("/api/v1/events", ""), 400, "INVALID_JSON");
    }

    @Test
    void wrongContentType_is415() throws Exception {
        ContentResponse response = api.post("/api/v1/events", "text/plain", Bodies.systemEvent("x"));

        assertError(response, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(api.stream.statistics().statistics().lastSeq()).isZero();
    }

    @Test
    void jsonInAnotherCharset_is415() throws Exception {
        assertError(
                api.post("/api/v1/events", "application/json; charset=iso-8859-1", Bodies.systemEvent("x")),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void missingContentType_is415() throws Exception {
        String body = Bodies.systemEvent("x");
        var response = api.raw("POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);

        assertThat(response.getStatus()).isEqualTo(415);
        assertThat(Errors.code(response.getContent())).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }
}
