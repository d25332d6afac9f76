package io.incidentstream.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.codec.json.Json;
import org.eclipse.jetty.client.ContentResponse;

/** Reads and asserts the error envelope of a response. */
final class Errors {

    private Errors() {}

    static String code(String body) {
        JsonNode error = Json.parse(body).get("error");
        if (error == null || !error.has("code") || !error.has("message") || !error.has("details")) {
            throw new AssertionError("not an error envelope: " + body);
        }
        return error.get("code").textValue();
    }

    static void assertError(ContentResponse response, int status, String code) {
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        assertThat(response.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(Errors.code(response.getContentAsString())).isEqualTo(code);
        assertThat(Json.parse(response.getContentAsString())
                        .get("error")
                        .get("message")
                        .textValue())
                .isNotBlank();
    }
}
