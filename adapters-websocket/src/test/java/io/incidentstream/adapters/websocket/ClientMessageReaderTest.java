package io.incidentstream.adapters.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.incidentstream.codec.json.DomainReader;
import io.incidentstream.codec.json.InvalidJsonException;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.fixtures.TestFilters;
import io.incidentstream.domain.model.Severity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each client message of PROTOCOL section 3 parses into its command, optional fields taking their defaults. */
class ClientMessageReaderTest {

    private static final UUID ID = UUID.fromString("6f9619ff-8b86-d011-b42d-00c04fc964ff");

    private final ClientMessageReader reader = new ClientMessageReader(
            new DomainReader(Clock.fixed(Instant.parse("2024-06-01T08:30:00Z"), ZoneOffset.UTC), () -> {
                throw new AssertionError("reading a client message needs no new id");
            }));

    private ClientMessage read(String singleQuoted) {
        return reader.read(singleQuoted.replace('\'', '"'));
    }

    private InvalidJsonException refused(String singleQuoted) {
        return catchThrowableOfType(InvalidJsonException.class, () -> read(singleQuoted));
    }

    @Test
    void subscribe_without_filters_matches_everything_live_only() {
        assertThat(read("{'type':'subscribe','subscription_id':'sub-1'}"))
                .isEqualTo(new ClientMessage.Subscribe("sub-1", Filter.all(), null, null, false));
    }

    @Test
    void subscribe_with_null_filters_matches_everything() {
        assertThat(((ClientMessage.Subscribe) read("{'type':'subscribe','subscription_id':'s','filters':null}"))
                        .filter())
                .isEqualTo(Filter.all());
    }

    @Test
    void subscribe_with_filters_carries_them() {
        ClientMessage message = read("{'type':'subscribe','subscription_id':'sub-1','filters':{"
                + "'event_types':['escalated'],'severities':['P0','P1'],'labels':{'team':'payments'},"
                + "'incident_ids':['" + ID + "']}}");

        assertThat(message)
                .isEqualTo(new ClientMessage.Subscribe(
                        "sub-1",
                        TestFilters.filter()
                                .eventTypes(EventType.ESCALATED)
                                .severities(Severity.P0, Severity.P1)
                                .labels(Map.of("team", "payments"))
                                .incidentIds(ID)
                                .build(),
                        null,
                        null,
                        false));
    }

    @Test
    void subscribe_with_since_and_epoch_asks_to_resume() {
        assertThat(read("{'type':'subscribe','subscription_id':'sub-1','since':41,'epoch':'epoch-7'}"))
                .isEqualTo(new ClientMessage.Subscribe("sub-1", Filter.all(), 41L, "epoch-7", false));
        assertThat(((ClientMessage.Subscribe) read("{'type':'subscribe','subscription_id':'s','since':0,'epoch':'e'}"))
                        .since())
                .isZero();
    }

    @Test
    void subscribe_with_snapshot_asks_for_one() {
        assertThat(read("{'type':'subscribe','subscription_id':'sub-1','snapshot':true}"))
                .isEqualTo(new ClientMessage.Subscribe("sub-1", Filter.all(), null, null, true));
    }

    @Test
    void subscribe_with_everything_at_once() {
        assertThat(read("{'type':'subscribe','subscription_id':'s','filters':{'states':['Detected']},"
                        + "'since':9007199254740993,'epoch':'e','snapshot':true}"))
                .isEqualTo(new ClientMessage.Subscribe(
                        "s", readFilter("{'states':['Detected']}"), 9007199254740993L, "e", true));
    }

    @Test
    void unsubscribe_names_the_subscription() {
        assertThat(read("{'type':'unsubscribe','subscription_id':'sub-1'}"))
                .isEqualTo(new ClientMessage.Unsubscribe("sub-1"));
    }

    @Test
    void ping_with_a_string_timestamp_keeps_the_string() {
        assertThat(read("{'type':'ping','timestamp':'2024-06-01T08:30:00+02:00'}"))
                .isEqualTo(new ClientMessage.Ping("2024-06-01T08:30:00+02:00"));
    }

    @Test
    void ping_with_a_number_timestamp_keeps_the_number() {
        Object timestamp = ((ClientMessage.Ping) read("{'type':'ping','timestamp':1717230600123}")).timestamp();

        assertThat(timestamp).isInstanceOf(Number.class);
        assertThat(((Number) timestamp).longValue()).isEqualTo(1_717_230_600_123L);
        assertThat(((ClientMessage.Ping) read("{'type':'ping','timestamp':1.5}")).timestamp())
                .isEqualTo(1.5);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{'type':'ping'}", "{'type':'ping','timestamp':null}"})
    void ping_without_a_timestamp_has_none(String json) {
        assertThat(read(json)).isEqualTo(new ClientMessage.Ping(null));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1e400", "-1e400"})
    void ping_with_a_number_too_large_to_echo_as_json_is_refused(String number) {
        InvalidJsonException e = refused("{'type':'ping','timestamp':" + number + "}");

        assertThat(e.field()).isEqualTo("timestamp");
        assertThat(e).hasMessageContaining("timestamp must be a finite number");
    }

    @Test
    void ack_carries_the_message_id_in_either_case() {
        assertThat(read("{'type':'ack','message_id':'" + ID + "'}")).isEqualTo(new ClientMessage.Ack(ID));
        assertThat(read("{'type':'ack','message_id':'" + ID.toString().toUpperCase() + "'}"))
                .isEqualTo(new ClientMessage.Ack(ID));
    }

    @Test
    void unknown_fields_are_ignored() {
        assertThat(read("{'type':'unsubscribe','subscription_id':'s','client':'web','v':2}"))
                .isEqualTo(new ClientMessage.Unsubscribe("s"));
    }

    @Test
    void a_subscription_id_of_128_characters_is_accepted_and_129_refused() {
        assertThat(read("{'type':'unsubscribe','subscription_id':'" + "s".repeat(128) + "'}"))
                .isEqualTo(new ClientMessage.Unsubscribe("s".repeat(128)));
        assertThat(refused("{'type':'unsubscribe','subscription_id':'" + "s".repeat(129) + "'}"))
                .hasMessage("subscription_id must be 1 to 128 characters long");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\\ud800", "a\\udc00b", "x\\ud83d"})
    void a_subscription_id_with_an_unpaired_surrogate_is_refused(String escaped) {
        InvalidJsonException e = refused("{'type':'subscribe','subscription_id':'" + escaped + "'}");

        assertThat(e.field()).isEqualTo("subscription_id");
        assertThat(e).hasMessageContaining("subscription_id must be valid Unicode text");
    }

    @Test
    void a_subscription_id_with_an_escaped_emoji_is_accepted() {
        assertThat(read("{'type':'unsubscribe','subscription_id':'\\ud83d\\udea8'}"))
                .isEqualTo(new ClientMessage.Unsubscribe("\uD83D\uDEA8"));
    }

    /** The id was read: the refusal names the subscription, so that a client knows which will not come. */
    @Test
    void a_filter_error_is_named_under_filters_and_names_its_subscription() {
        ClientMessageReader.InvalidSubscribe e = catchThrowableOfType(
                ClientMessageReader.InvalidSubscribe.class,
                () -> read("{'type':'subscribe','subscription_id':'s','filters':{'severities':['p0']}}"));

        assertThat(e.subscriptionId()).isEqualTo("s");
        assertThat(((InvalidJsonException) e.getCause()).field()).isEqualTo("filters.severities[0]");
        assertThat(catchThrowableOfType(
                                ClientMessageReader.InvalidSubscribe.class,
                                () -> read("{'type':'subscribe','subscription_id':'r','since':3}"))
                        .subscriptionId())
                .isEqualTo("r");
    }

    private static Filter readFilter(String singleQuoted) {
        return new DomainReader(Clock.systemUTC(), UUID::randomUUID)
                .filter(io.incidentstream.codec.json.Fields.of(
                        io.incidentstream.codec.json.Json.parse(singleQuoted.replace('\'', '"')),
                        "filters",
                        "filters"));
    }
}
