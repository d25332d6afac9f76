package io.incidentstream.codec.json;

import static io.incidentstream.codec.json.Codec.q;
import static io.incidentstream.codec.json.Codec.readFilter;
import static io.incidentstream.codec.json.Codec.readIncident;
import static io.incidentstream.codec.json.Codec.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.incidentstream.domain.model.Incident;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** UUIDs are accepted in either case but only in the canonical 8-4-4-4-12 form, and always emitted lower case. */
class UuidInputTest {

    private static final UUID ID = UUID.fromString("6f9619ff-8b86-d011-b42d-00c04fc964ff");

    private static Incident withId(String id) {
        return readIncident(q("{'id':'" + id + "','severity':'P2','source':'s','title':'t'}"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "6f9619ff-8b86-d011-b42d-00c04fc964ff",
                "6F9619FF-8B86-D011-B42D-00C04FC964FF",
                "6f9619FF-8b86-D011-b42d-00C04fc964FF"
            })
    void a_canonical_uuid_in_any_case_is_accepted_and_emitted_lower_case(String id) {
        Incident incident = withId(id);

        assertThat(incident.id()).isEqualTo(ID);
        assertThat(tree(incident).get("id").textValue()).isEqualTo("6f9619ff-8b86-d011-b42d-00c04fc964ff");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(
            strings = {
                "1-1-1-1-1",
                "6f9619ff8b86d011b42d00c04fc964ff",
                "{6f9619ff-8b86-d011-b42d-00c04fc964ff}",
                "6f9619ff-8b86-d011-b42d-00c04fc964f",
                "6f9619ff-8b86-d011-b42d-00c04fc964ff0",
                " 6f9619ff-8b86-d011-b42d-00c04fc964ff",
                "6f9619fg-8b86-d011-b42d-00c04fc964ff",
                "urn:uuid:6f9619ff-8b86-d011-b42d-00c04fc964ff",
                "42",
                ""
            })
    void a_non_canonical_uuid_is_refused_naming_the_field_and_the_value(String id) {
        InvalidJsonException e = catchThrowableOfType(InvalidJsonException.class, () -> withId(id));

        assertThat(e.field()).isEqualTo("incident.id");
        assertThat(e).hasMessage("incident.id must be a UUID, got '" + id + "'");
    }

    @Test
    void a_bad_uuid_in_a_list_is_named_by_its_index() {
        InvalidJsonException e = catchThrowableOfType(
                InvalidJsonException.class,
                () -> readIncident(q(
                        "{'severity':'P2','source':'s','title':'t','related_incidents':['" + ID + "','1-1-1-1-1']}")));

        assertThat(e.field()).isEqualTo("incident.related_incidents[1]");
        assertThat(e).hasMessage("incident.related_incidents[1] must be a UUID, got '1-1-1-1-1'");
    }

    @Test
    void an_upper_case_uuid_in_a_filter_matches_the_same_incident() {
        assertThat(readFilter(q("{'incident_ids':['6F9619FF-8B86-D011-B42D-00C04FC964FF']}"))
                        .incidentIds())
                .containsExactly(ID);
    }

    @Test
    void a_uuid_that_is_not_a_string_is_refused() {
        InvalidJsonException e = catchThrowableOfType(
                InvalidJsonException.class,
                () -> readIncident(q("{'id':42,'severity':'P2','source':'s','title':'t'}")));

        assertThat(e).hasMessage("incident.id must be a string, got a number");
    }
}
