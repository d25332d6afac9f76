package io.incidentstream.adapters.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.message.ErrorCode;
import io.incidentstream.application.message.ErrorMessage;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.Gap;
import io.incidentstream.application.message.Pong;
import io.incidentstream.application.message.Presence;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.message.Subscribed;
import io.incidentstream.application.message.Unsubscribed;
import io.incidentstream.application.message.Watcher;
import io.incidentstream.application.message.Watching;
import io.incidentstream.application.message.Welcome;
import io.incidentstream.codec.json.DomainReader;
import io.incidentstream.codec.json.Json;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.event.Priority;
import io.incidentstream.domain.fixtures.TestEvents;
import io.incidentstream.domain.fixtures.TestFilters;
import io.incidentstream.domain.fixtures.TestIncidents;
import io.incidentstream.domain.model.Severity;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every server message is written with exactly the field names of PROTOCOL section 3, nullable ones as null. */
class ServerMessageWriterTest {

    private static final Instant NOW = Instant.parse("2024-06-01T08:30:00.500Z");
    private static final UUID MESSAGE_ID = UUID.fromString("6f9619ff-8b86-d011-b42d-00c04fc964ff");

    private final ServerMessageWriter writer = new ServerMessageWriter();

    private JsonNode written(ServerMessage message) {
        return Json.parse(writer.write(message));
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static AdmittedEvent admitted(Event event, long seq, Priority priority) {
        return new AdmittedEvent(MESSAGE_ID, seq, event, priority, NOW, 0L, null);
    }

    @Test
    void welcome_has_session_server_time_epoch_seq_heartbeat_version_and_node() {
        JsonNode welcome = written(new Welcome("session-1", NOW, "epoch-7", 42, 15, "0.1.0", "node-a"));

        assertThat(fieldNames(welcome))
                .containsExactly(
                        "type",
                        "session_id",
                        "server_time",
                        "epoch",
                        "seq",
                        "heartbeat_interval_secs",
                        "version",
                        "node_id");
        assertThat(welcome.toString())
                .isEqualTo("{\"type\":\"welcome\",\"session_id\":\"session-1\","
                        + "\"server_time\":\"2024-06-01T08:30:00.500Z\",\"epoch\":\"epoch-7\",\"seq\":42,"
                        + "\"heartbeat_interval_secs\":15,\"version\":\"0.1.0\",\"node_id\":\"node-a\"}");
    }

    @Test
    void welcome_withoutANodeId_sendsNodeIdNull() {
        JsonNode welcome = written(new Welcome("session-1", NOW, "epoch-7", 42, 15, "0.1.0"));

        assertThat(welcome.get("node_id").isNull()).isTrue();
    }

    @Test
    void subscribed_carries_the_normalised_filters_and_null_recovery_without_since() {
        JsonNode subscribed = written(new Subscribed(
                "sub-1",
                TestFilters.filter().severities(Severity.P0, Severity.P1).build(),
                41,
                null,
                null));

        assertThat(fieldNames(subscribed))
                .containsExactly("type", "subscription_id", "filters", "seq", "recovered", "replayed");
        assertThat(subscribed.get("type").textValue()).isEqualTo("subscribed");
        assertThat(subscribed.get("filters").toString())
                .isEqualTo("{\"event_types\":[],\"severities\":[\"P0\",\"P1\"],"
                        + "\"states\":[],\"sources\":[],\"affected_resources\":[],\"labels\":{},\"incident_ids\":[]}");
        assertThat(subscribed.get("seq").longValue()).isEqualTo(41);
        assertThat(subscribed.get("recovered").isNull()).isTrue();
        assertThat(subscribed.get("replayed").isNull()).isTrue();
    }

    @Test
    void subscribed_after_a_resume_says_whether_it_recovered_and_how_many_were_replayed() {
        JsonNode subscribed =
                written(new Subscribed("sub-1", TestFilters.filter().build(), 41, true, 3L));

        assertThat(subscribed.get("recovered").booleanValue()).isTrue();
        assertThat(subscribed.get("replayed").longValue()).isEqualTo(3);
        assertThat(written(new Subscribed("s", TestFilters.filter().build(), 41, false, 0L))
                        .get("recovered")
                        .booleanValue())
                .isFalse();
    }

    @Test
    void unsubscribed_names_the_subscription() {
        assertThat(written(new Unsubscribed("sub-1")).toString())
                .isEqualTo("{\"type\":\"unsubscribed\",\"subscription_id\":\"sub-1\"}");
    }

    @Test
    void pong_echoes_a_string_timestamp_as_a_string() {
        assertThat(written(new Pong("t-1")).toString()).isEqualTo("{\"type\":\"pong\",\"timestamp\":\"t-1\"}");
    }

    @Test
    void pong_echoes_a_number_timestamp_as_the_same_number() {
        assertThat(written(new Pong(1_717_230_600_123L)).toString())
                .isEqualTo("{\"type\":\"pong\",\"timestamp\":1717230600123}");
        assertThat(written(new Pong(7)).get("timestamp").intValue()).isEqualTo(7);
        assertThat(written(new Pong(1.5)).get("timestamp").doubleValue()).isEqualTo(1.5);
        assertThat(written(new Pong(new BigInteger("123456789012345678901234567890")))
                        .get("timestamp")
                        .bigIntegerValue())
                .isEqualTo(new BigInteger("123456789012345678901234567890"));
    }

    @Test
    void pong_without_a_client_timestamp_carries_server_time_in_utc() {
        assertThat(written(new Pong(NOW)).toString())
                .isEqualTo("{\"type\":\"pong\",\"timestamp\":\"2024-06-01T08:30:00.500Z\"}");
    }

    @Test
    void error_has_code_message_and_the_subscription_it_concerns() {
        JsonNode error = written(new ErrorMessage(ErrorCode.NOT_FOUND, "no subscription 'sub-9'", "sub-9"));

        assertThat(error.toString())
                .isEqualTo("{\"type\":\"error\",\"code\":\"NOT_FOUND\","
                        + "\"message\":\"no subscription 'sub-9'\",\"subscription_id\":\"sub-9\"}");
    }

    @Test
    void error_about_no_subscription_has_a_null_subscription_id() {
        JsonNode error = written(new ErrorMessage(ErrorCode.INVALID_MESSAGE, "not valid JSON"));

        assertThat(fieldNames(error)).containsExactly("type", "code", "message", "subscription_id");
        assertThat(error.get("code").textValue()).isEqualTo("INVALID_MESSAGE");
        assertThat(error.get("subscription_id").isNull()).isTrue();
    }

    @Test
    void closing_has_reason_code_reconnect_and_retry_after() {
        assertThat(written(CloseCode.GOING_AWAY.closing("server shutting down", 2500L))
                        .toString())
                .isEqualTo("{\"type\":\"closing\",\"reason\":\"server shutting down\",\"code\":1001,"
                        + "\"reconnect\":true,\"retry_after_ms\":2500}");
    }

    @Test
    void closing_without_a_retry_suggestion_has_a_null_retry_after() {
        JsonNode closing = written(CloseCode.SLOW_CONSUMER.closing("slow consumer"));

        assertThat(fieldNames(closing)).containsExactly("type", "reason", "code", "reconnect", "retry_after_ms");
        assertThat(closing.get("retry_after_ms").isNull()).isTrue();
    }

    @Test
    void gap_has_the_inclusive_seq_range_the_count_and_the_reason() {
        assertThat(written(new Gap(5, 9, 3, "slow_consumer")).toString())
                .isEqualTo("{\"type\":\"gap\",\"from_seq\":5,\"to_seq\":9,\"dropped\":3,\"reason\":\"slow_consumer\"}");
    }

    @Test
    void event_has_message_id_event_timestamp_seq_priority_and_subscription_ids() {
        Event event =
                TestEvents.sample(EventType.ESCALATED, TestIncidents.incident().build());
        JsonNode frame = written(new EventMessage(admitted(event, 17, Priority.HIGH), List.of("sub-1", "sub-2")));

        assertThat(fieldNames(frame))
                .containsExactly("type", "message_id", "event", "timestamp", "seq", "priority", "subscription_ids");
        assertThat(frame.get("type").textValue()).isEqualTo("event");
        assertThat(frame.get("message_id").textValue()).isEqualTo(MESSAGE_ID.toString());
        assertThat(frame.get("event").get("event_type").textValue()).isEqualTo("escalated");
        assertThat(frame.get("timestamp").textValue()).isEqualTo("2024-06-01T08:30:00.500Z");
        assertThat(frame.get("seq").longValue()).isEqualTo(17);
        assertThat(frame.get("priority").textValue()).isEqualTo("high");
        assertThat(frame.get("subscription_ids").toString()).isEqualTo("[\"sub-1\",\"sub-2\"]");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Priority.class)
    void event_priority_is_spelled_in_lower_case(Priority priority) {
        Event event = TestEvents.sample(
                EventType.SYSTEM_EVENT, TestIncidents.incident().build());

        assertThat(written(new EventMessage(admitted(event, 1, priority), List.of("s")))
                        .get("priority")
                        .textValue())
                .isEqualTo(priority.name().toLowerCase(java.util.Locale.ROOT));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void the_event_inside_the_frame_reads_back_as_the_original_event(EventType type) {
        Event event = TestEvents.sample(type, TestIncidents.incident().build());
        JsonNode frame = written(new EventMessage(admitted(event, 1, Priority.defaultFor(event)), List.of("s")));

        DomainReader reader = new DomainReader(Clock.systemUTC(), UUID::randomUUID);
        assertThat(reader.event(frame.get("event"), "event")).isEqualTo(event);
    }

    @Test
    void watching_hasTheIncidentAndEveryWatcher_withUserNameAndSince_inOrder() {
        UUID incident = UUID.fromString("11111111-2222-3333-4444-555555555555");
        JsonNode json = written(new Watching(
                incident,
                List.of(
                        new Watcher("alice", "Alice \"Al\" Ölz\n", NOW),
                        new Watcher("anonymous:s-1", null, NOW.plusMillis(1)))));

        assertThat(fieldNames(json)).containsExactly("type", "incident_id", "watchers");
        assertThat(json.get("type").asText()).isEqualTo("watching");
        assertThat(json.get("incident_id").asText()).isEqualTo(incident.toString());
        JsonNode first = json.get("watchers").get(0);
        assertThat(fieldNames(first)).containsExactly("user", "name", "since");
        assertThat(first.get("name").asText()).isEqualTo("Alice \"Al\" Ölz\n");
        assertThat(first.get("since").asText()).isEqualTo("2024-06-01T08:30:00.500Z");
        JsonNode second = json.get("watchers").get(1);
        assertThat(second.get("user").asText()).isEqualTo("anonymous:s-1");
        assertThat(second.get("name").isNull()).isTrue();
        assertThat(second.get("since").asText()).isEqualTo("2024-06-01T08:30:00.501Z");
    }

    @Test
    void watching_withNoWatchers_hasAnEmptyList() {
        JsonNode json = written(new Watching(UUID.randomUUID(), List.of()));

        assertThat(json.get("watchers").isArray()).isTrue();
        assertThat(json.get("watchers")).isEmpty();
    }

    /** Watchers are encoded once and kept: a watcher that changes (a new since) must not be written as it was. */
    @Test
    void aWatcherWrittenAgain_afterItsSinceChanged_isWrittenAsItIsNow() {
        UUID incident = UUID.randomUUID();
        written(new Watching(incident, List.of(new Watcher("bob", "Bob", NOW))));

        JsonNode json = written(new Watching(incident, List.of(new Watcher("bob", "Bob", NOW.plusSeconds(60)))));

        assertThat(json.get("watchers").get(0).get("since").asText()).isEqualTo("2024-06-01T08:31:00.500Z");
    }

    @Test
    void presence_hasWatchersJoinedAndLeft_asLists() {
        UUID incident = UUID.randomUUID();
        JsonNode json = written(new Presence(
                incident, List.of(new Watcher("alice", null, NOW)), List.of("alice"), List.of("bob", "carol")));

        assertThat(fieldNames(json)).containsExactly("type", "incident_id", "watchers", "joined", "left");
        assertThat(json.get("watchers").get(0).get("user").asText()).isEqualTo("alice");
        assertThat(json.get("joined").get(0).asText()).isEqualTo("alice");
        assertThat(json.get("left")).hasSize(2);
    }
}
