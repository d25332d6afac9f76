package io.incidentstream.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.port.in.PublishResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpErrorsTest {

    @Test
    void envelope_hasCodeMessageAndDetails() {
        String json = new String(
                HttpErrors.envelope(ApiError.invalidDocument("INVALID_EVENT", "[2].incident.severity", "bad")),
                StandardCharsets.UTF_8);

        assertThat(json)
                .isEqualTo("{\"error\":{\"code\":\"INVALID_EVENT\",\"message\":\"bad\","
                        + "\"details\":{\"field\":\"[2].incident.severity\"}}}\n");
    }

    @Test
    void envelope_withoutDetails_hasNullDetails() {
        String json = new String(HttpErrors.envelope(ApiError.invalidJson("nope")), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"error\":{\"code\":\"INVALID_JSON\",\"message\":\"nope\",\"details\":null}}\n");
    }

    @Test
    void everyRefusalOfThePublisher_hasAStatus() {
        for (PublishResult.Reason reason : PublishResult.Reason.values()) {
            ApiError error = HttpErrors.rejected(new PublishResult.Rejected(reason, "m"), 3);
            assertThat(error.status()).isIn(413, 503);
            assertThat(error.code()).isEqualTo(reason.name());
            if (error.status() == 503) {
                assertThat(error.headers()).containsEntry("Retry-After", "3");
            }
        }
    }

    @Test
    void aRefusalWhoseBatchMayHaveBeenPublished_saysSoInItsDetails() {
        ApiError error = HttpErrors.rejected(
                new PublishResult.Rejected(PublishResult.Reason.ENGINE_UNAVAILABLE, "lost mid-append", true), 1);

        assertThat(error.status()).isEqualTo(503);
        assertThat(error.headers()).containsEntry("Retry-After", "1");
        assertThat(new String(HttpErrors.envelope(error), StandardCharsets.UTF_8))
                .isEqualTo("{\"error\":{\"code\":\"ENGINE_UNAVAILABLE\",\"message\":\"lost mid-append\","
                        + "\"details\":{\"may_have_been_published\":true}}}\n");
    }

    @Test
    void unexpectedFailure_is500_withoutItsMessage() {
        ApiError error = HttpErrors.of(new IllegalStateException("secret internals"), "GET", "/x");

        assertThat(error.status()).isEqualTo(500);
        assertThat(error.message()).doesNotContain("secret");
    }

    @Test
    void methodNotAllowed_listsAllowedMethodsInTheAllowHeader() {
        ApiError error = ApiError.methodNotAllowed("PUT", "/x", List.of("POST", "GET"));

        assertThat(error.headers()).containsEntry("Allow", "GET, POST");
    }
}
