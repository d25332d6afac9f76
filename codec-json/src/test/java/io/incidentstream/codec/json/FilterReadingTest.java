package io.incidentstream.codec.json;

import static io.incidentstream.codec.json.Codec.fieldNames;
import static io.incidentstream.codec.json.Codec.q;
import static io.incidentstream.codec.json.Codec.readFilter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.fixtures.TestFilters;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.Severity;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Filters: every key optional, every value validated, unknown keys refused, written back normalised. */
class FilterReadingTest {

    private static final UUID ID = UUID.fromString("6f9619ff-8b86-d011-b42d-00c04fc964ff");

    @Test
    void a_filter_with_every_key_reads_as_that_filter() {
        Filter filter = readFilter(q("{'event_types':['incident_created','escalated'],'severities':['P0','P1'],"
                + "'states':['Detected'],'sources':['prometheus'],'affected_resources':['db'],"
                + "'labels':{'team':'payments'},'incident_ids':['" + ID + "']}"));

        assertThat(filter)
                .isEqualTo(TestFilters.filter()
                        .eventTypes(EventType.INCIDENT_CREATED, EventType.ESCALATED)
                        .severities(Severity.P0, Severity.P1)
                        .states(IncidentState.DETECTED)
                        .sources("prometheus")
                        .affectedResources("db")
                        .labels(Map.of("team", "payments"))
                        .incidentIds(ID)
                        .build());
    }

    @Test
    void an_absent_filter_matches_everything() {
        assertThat(Codec.reader().filter(null)).isEqualTo(Filter.all());
    }

    @Test
    void an_empty_filter_and_empty_or_null_keys_match_everything() {
        assertThat(readFilter("{}")).isEqualTo(Filter.all());
        assertThat(readFilter(q("{'severities':[],'labels':{},'sources':null}")))
                .isEqualTo(Filter.all());
    }

    @Test
    void an_unknown_key_is_refused_rather_than_silently_widening_the_subscription() {
        InvalidJsonException e =
                catchThrowableOfType(InvalidJsonException.class, () -> readFilter(q("{'severity':['P0']}")));

        assertThat(e.field()).isEqualTo("filters.severity");
        assertThat(e)
                .hasMessage("unknown filter key 'severity' (expected event_types, severities, states, sources,"
                        + " affected_resources, labels, incident_ids)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            lower-case severity   | {'severities':['P1','p0']}         | filters.severities[1]    | filters.severities[1] has unknown value 'p0' (expected one of P0, P1, P2, P3, P4)
            priority as severity  | {'severities':['critical']}        | filters.severities[0]    | has unknown value 'critical'
            unknown state         | {'states':['Open']}                | filters.states[0]        | filters.states[0] has unknown value 'Open'
            unknown event type    | {'event_types':['created']}        | filters.event_types[0]   | filters.event_types[0] has unknown value 'created' (expected one of incident_created,
            severities not a list | {'severities':'P0'}                | filters.severities       | filters.severities must be an array, got a string
            source not a string   | {'sources':[1]}                    | filters.sources[0]       | filters.sources[0] must be a string, got a number
            null resource         | {'affected_resources':[null]}      | filters.affected_resources[0] | filters.affected_resources[0] must be a string, got null
            labels a list         | {'labels':['team']}                | filters.labels           | filters.labels must be a JSON object, got an array
            label not a string    | {'labels':{'team':1}}              | filters.labels.team      | filters.labels.team must be a string, got a number
            bad incident id       | {'incident_ids':['1-1-1-1-1']}     | filters.incident_ids[0]  | filters.incident_ids[0] must be a UUID, got '1-1-1-1-1'
            """)
    void every_filter_value_is_validated(String what, String json, String field, String message) {
        InvalidJsonException e = catchThrowableOfType(InvalidJsonException.class, () -> readFilter(q(json)));

        assertThat(e).as(what).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e).hasMessageContaining(message);
    }

    @Test
    void a_filter_is_written_normalised_with_every_key_present() {
        JsonNode written = Json.parse(Codec.write(readFilter(q("{'severities':['P0']}"))));

        assertThat(fieldNames(written))
                .containsExactly(
                        "event_types",
                        "severities",
                        "states",
                        "sources",
                        "affected_resources",
                        "labels",
                        "incident_ids");
        assertThat(written.get("severities").toString()).isEqualTo("[\"P0\"]");
        assertThat(written.get("event_types").isArray()
                        && written.get("event_types").isEmpty())
                .isTrue();
        assertThat(written.get("labels").isObject() && written.get("labels").isEmpty())
                .isTrue();
    }

    /** Found from outside: the text lists came back in the order sent, which docs/protocol.md says never shows. */
    @Test
    void every_list_is_written_sorted_without_duplicates() {
        JsonNode written = Json.parse(Codec.write(readFilter(q("{'severities':['P3','P0','P3'],"
                + "'sources':['b','a','b'],'affected_resources':['z','a','m'],"
                + "'incident_ids':['ffffffff-0000-4000-8000-000000000000','00000000-0000-4000-8000-000000000000']}"))));

        assertThat(written.get("severities").toString()).isEqualTo(q("['P0','P3']"));
        assertThat(written.get("sources").toString()).isEqualTo(q("['a','b']"));
        assertThat(written.get("affected_resources").toString()).isEqualTo(q("['a','m','z']"));
        assertThat(written.get("incident_ids").toString())
                .isEqualTo(q("['00000000-0000-4000-8000-000000000000','ffffffff-0000-4000-8000-000000000000']"));
    }

    @Test
    void a_written_filter_reads_back_equal() {
        Filter filter = TestFilters.filter()
                .eventTypes(EventType.SYSTEM_EVENT)
                .activeStates()
                .labels(Map.of("env", "prod"))
                .incidentIds(ID)
                .build();

        assertThat(readFilter(Codec.write(filter))).isEqualTo(filter);
    }
}
