package io.incidentstream.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyMediaTypeTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json",
                "Application/JSON",
                "application/json; charset=utf-8",
                "application/json;charset=\"UTF-8\"",
                "application/json; charset=utf8"
            })
    void jsonInUtf8_isAccepted(String contentType) {
        assertThat(JsonBody.isJson(contentType)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/plain",
                "application/x-www-form-urlencoded",
                "application/jsonx",
                "application/json; charset=iso-8859-1",
                "application/json; charset=utf-16",
                ""
            })
    void otherTypesOrCharsets_areRefused(String contentType) {
        assertThat(JsonBody.isJson(contentType)).isFalse();
    }
}
