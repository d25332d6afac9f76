package io.incidentstream.adapters.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.application.message.EncodedEvent;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.port.out.EventEncoder;
import io.incidentstream.codec.json.Json;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.event.Priority;
import io.incidentstream.domain.fixtures.TestEvents;
import io.incidentstream.domain.fixtures.TestIncidents;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An event is encoded once for all its recipients; each session's frame is that shared prefix plus its
 * own subscription ids, and is valid JSON whatever characters the ids contain.
 */
class EventFrameTest {

    private static final EventEncoder MUST_NOT_ENCODE = event -> {
        throw new AssertionError("the event was encoded a second time");
    };

    private final ServerMessageWriter writer = new ServerMessageWriter();
    private final AdmittedEvent admitted = ServerMessageWriterTest.admitted(
            TestEvents.sample(
                    EventType.INCIDENT_CREATED, TestIncidents.incident().build()),
            3,
            Priority.NORMAL);

    static List<List<String>> subscriptionIdLists() {
        return List.of(
                List.of(),
                List.of("sub-1"),
                List.of("a", "b", "c"),
                List.of("say \"hi\"", "back\\slash", "tab\there", "line\nbreak", "ctrl\u0001\u001f"),
                List.of("caf\u00e9", "\u65e5\u672c\u8a9e", "\u00a0nbsp", "\u2028sep"),
                List.of("\uD83D\uDEA8 alert", "\uD83D\uDC4D\uD83C\uDFFD", "</script>", "\u0000nul"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subscriptionIdLists")
    void a_completed_frame_is_valid_json_carrying_exactly_the_given_ids(List<String> ids) {
        byte[] frame = writer.write(new EventMessage(admitted, ids));

        JsonNode parsed = Json.parse(frame);
        List<String> written = new ArrayList<>();
        parsed.get("subscription_ids").forEach(id -> written.add(id.textValue()));
        assertThat(written).containsExactlyElementsOf(ids);
        assertThat(parsed.get("seq").longValue()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subscriptionIdLists")
    void a_frame_written_into_a_direct_buffer_has_the_announced_length_and_the_same_bytes(List<String> ids) {
        EventFrame frame = writer.encode(admitted);
        ByteBuffer direct = ByteBuffer.allocateDirect(frame.length(ids) + 16);

        frame.writeTo(direct, ids);

        assertThat(direct.position()).isEqualTo(frame.length(ids));
        byte[] written = new byte[direct.flip().remaining()];
        direct.get(written);
        assertThat(written).isEqualTo(frame.forSubscriptions(ids));
    }

    @Test
    void sessionsWithTheSameSubscriptionIds_shareOneFrame_andOthersGetTheirOwn() {
        EventFrame frame = writer.encode(admitted);
        byte[] first = frame.forSubscriptions(List.of("s"));
        assertThat(frame.forSubscriptions(List.of("s"))).isSameAs(first);
        byte[] other = frame.forSubscriptions(List.of("t"));
        assertThat(new String(other, StandardCharsets.UTF_8)).endsWith("\"subscription_ids\":[\"t\"]}");
        assertThat(new String(first, StandardCharsets.UTF_8)).endsWith("\"subscription_ids\":[\"s\"]}");
    }

    @Test
    void the_event_is_encoded_once_and_the_frame_shared_by_every_recipient() {
        writer.write(new EventMessage(admitted, List.of("first")));
        EncodedEvent shared = admitted.encoded(MUST_NOT_ENCODE);

        byte[] second = writer.write(new EventMessage(admitted, List.of("x", "y")));
        byte[] third = writer.write(new EventMessage(admitted, List.of("\uD83D\uDEA8")));

        assertThat(shared).isInstanceOf(EventFrame.class);
        assertThat(admitted.encoded(MUST_NOT_ENCODE)).isSameAs(shared);
        int prefix = shared.sizeInBytes();
        assertThat(Arrays.copyOf(second, prefix)).isEqualTo(Arrays.copyOf(third, prefix));
        assertThat(Json.parse(second).get("subscription_ids").size()).isEqualTo(2);
        assertThat(Json.parse(third).get("subscription_ids").get(0).textValue()).isEqualTo("\uD83D\uDEA8");
    }

    @Test
    void completing_the_same_frame_again_gives_the_same_bytes() {
        EventFrame frame = (EventFrame) admitted.encoded(writer);

        assertThat(frame.forSubscriptions(List.of("a", "b"))).isEqualTo(frame.forSubscriptions(List.of("a", "b")));
    }

    @Test
    void the_shared_prefix_ends_with_the_subscription_ids_key() {
        EventFrame frame = (EventFrame) admitted.encoded(writer);
        String complete = new String(frame.forSubscriptions(List.of()), StandardCharsets.UTF_8);

        assertThat(complete).endsWith(",\"subscription_ids\":[]}");
        assertThat(frame.sizeInBytes()).isEqualTo(complete.getBytes(StandardCharsets.UTF_8).length - 3);
    }

    @Test
    void multi_byte_ids_are_written_as_utf8_not_as_escapes() {
        String complete = new String(
                writer.write(new EventMessage(admitted, List.of("caf\u00e9", "\uD83D\uDEA8"))), StandardCharsets.UTF_8);

        assertThat(complete).endsWith("\"subscription_ids\":[\"caf\u00e9\",\"\uD83D\uDEA8\"]}");
    }
}
