package io.incidentstream.codec.json;

import static io.incidentstream.codec.json.Codec.q;
import static io.incidentstream.codec.json.Codec.readEvent;
import static io.incidentstream.codec.json.Codec.readIncident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.incidentstream.domain.event.EventType;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An unknown event_type lists what is accepted; lengths are counted in characters, not UTF-16 units. */
class EventTypeAndLengthErrorTest {

    private static String incidentTitled(String title) {
        return q("{'severity':'P1','source':'s','title':'" + title + "'}");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"incident_exploded", "Incident_Created", "INCIDENT_CREATED", "incident-created", ""})
    void an_unknown_event_type_is_refused_listing_the_fourteen_accepted_values(String type) {
        String accepted = Arrays.stream(EventType.values()).map(EventType::wire).collect(Collectors.joining(", "));

        InvalidJsonException e =
                catchThrowableOfType(InvalidJsonException.class, () -> readEvent(q("{'event_type':'" + type + "'}")));

        assertThat(e.field()).isEqualTo("event.event_type");
        assertThat(e)
                .hasMessage("event.event_type has unknown value '" + type + "' (expected one of " + accepted + ")");
        assertThat(accepted).startsWith("incident_created, incident_updated").endsWith("comment_added, system_event");
    }

    @Test
    void a_title_of_500_characters_is_accepted() {
        assertThat(readIncident(incidentTitled("x".repeat(500))).title()).hasSize(500);
    }

    @Test
    void a_title_of_501_characters_is_refused_saying_how_long_it_was() {
        InvalidJsonException e =
                catchThrowableOfType(InvalidJsonException.class, () -> readIncident(incidentTitled("x".repeat(501))));

        assertThat(e.field()).isEqualTo("incident.title");
        assertThat(e).hasMessage("incident.title must be 1 to 500 characters long, was 501");
    }

    @Test
    void a_title_of_500_emoji_counts_as_500_characters() {
        assertThat(readIncident(incidentTitled("\uD83D\uDEA8".repeat(500))).title())
                .hasSize(1000);
    }

    @Test
    void a_source_of_256_characters_is_refused() {
        InvalidJsonException e = catchThrowableOfType(
                InvalidJsonException.class,
                () -> readIncident(q("{'severity':'P1','source':'" + "s".repeat(256) + "','title':'t'}")));

        assertThat(e.field()).isEqualTo("incident.source");
        assertThat(e).hasMessage("incident.source must be 1 to 255 characters long, was 256");
    }
}
