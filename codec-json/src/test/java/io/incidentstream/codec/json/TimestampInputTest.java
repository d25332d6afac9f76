package io.incidentstream.codec.json;

import static io.incidentstream.codec.json.Codec.q;
import static io.incidentstream.codec.json.Codec.readIncident;
import static io.incidentstream.codec.json.Codec.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.incidentstream.domain.model.Incident;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Timestamps are accepted with any offset and always re-emitted in UTC with Z; anything else is refused. */
class TimestampInputTest {

    private static Incident createdAt(String timestamp) {
        return readIncident(q("{'severity':'P2','source':'s','title':'t','created_at':'" + timestamp + "'}"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(textBlock = """
            2024-05-01T14:00:00+02:00,     2024-05-01T12:00:00Z
            2024-05-01T06:30:00-05:30,     2024-05-01T12:00:00Z
            2024-05-01T12:00:00Z,          2024-05-01T12:00:00Z
            2024-05-01T12:00:00+00:00,     2024-05-01T12:00:00Z
            2024-05-02T01:00:00.250+13:00, 2024-05-01T12:00:00.250Z
            2024-05-01T00:30:00+01:00,     2024-04-30T23:30:00Z
            2016-12-31T23:59:60Z,          2016-12-31T23:59:59Z
            2017-01-01T00:59:60.5+01:00,   2016-12-31T23:59:59.500Z
            2017-01-01T05:29:60+05:30,     2016-12-31T23:59:59Z
            """)
    void any_offset_is_accepted_and_re_emitted_in_utc(String input, String utc) {
        Incident incident = createdAt(input);

        assertThat(incident.createdAt()).isEqualTo(Instant.parse(utc));
        assertThat(tree(incident).get("created_at").textValue()).isEqualTo(utc);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(
            strings = {
                "yesterday",
                "2024-05-01",
                "2024-05-01T12:00:00",
                "2024-13-01T12:00:00Z",
                "2024-05-01T25:00:00Z",
                "2024-05-01T12:30:60Z",
                "2024-05-01T12:59:61Z",
                "1714564800",
                ""
            })
    void a_timestamp_without_an_offset_or_not_rfc_3339_is_refused_naming_the_field(String input) {
        InvalidJsonException e = catchThrowableOfType(InvalidJsonException.class, () -> createdAt(input));

        assertThat(e.field()).isEqualTo("incident.created_at");
        assertThat(e)
                .hasMessageContaining(
                        "incident.created_at must be an RFC 3339 timestamp with an offset, got '" + input + "'");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1714564800", "true", "{}"})
    void a_timestamp_that_is_not_a_string_is_refused(String value) {
        InvalidJsonException e = catchThrowableOfType(
                InvalidJsonException.class,
                () -> readIncident(q("{'severity':'P2','source':'s','title':'t','created_at':" + value + "}")));

        assertThat(e.field()).isEqualTo("incident.created_at");
        assertThat(e).hasMessageContaining("incident.created_at must be a string");
    }
}
