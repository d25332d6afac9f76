package io.incidentstream.codec.json;

import static io.incidentstream.codec.json.Codec.q;
import static io.incidentstream.codec.json.Codec.readIncident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.incidentstream.domain.model.Incident;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A number too large for a double (1e400) would be kept as Infinity and written back as the bare word
 * Infinity, which is not JSON: such numbers are refused where they are read, naming the field.
 */
class NonFiniteNumberTest {

    private static String withMetadata(String metadata) {
        return q("{'severity':'P1','source':'s','title':'t','timeline':[{'metadata':" + metadata + "}]}");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1e400", "-1e400", "1.7976931348623159e308"})
    void a_metadata_number_beyond_double_range_is_refused_naming_its_path(String number) {
        InvalidJsonException e = catchThrowableOfType(
                InvalidJsonException.class,
                () -> readIncident(withMetadata(q("{'retry':{'delays':[1," + number + "]}}"))));

        assertThat(e.field()).isEqualTo("incident.timeline[0].metadata.retry.delays[1]");
        assertThat(e).hasMessageContaining("incident.timeline[0].metadata.retry.delays[1] must be a finite number");
    }

    @Test
    void a_metadata_integer_beyond_long_range_is_kept_exactly_and_written_back_as_valid_json() {
        Incident incident = readIncident(withMetadata("{\"n\":123456789012345678901234567890}"));

        assertThat(incident.timeline().get(0).metadata().get("n"))
                .isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(readIncident(Codec.write(incident))).isEqualTo(incident);
    }

    @Test
    void a_metadata_number_with_an_exponent_is_written_back_as_valid_json() {
        Incident incident = readIncident(withMetadata("{\"tiny\":1e-300,\"huge\":1e300}"));

        assertThat(readIncident(Codec.write(incident))).isEqualTo(incident);
    }
}
