package io.incidentstream.adapters.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.incidentstream.codec.json.DomainReader;
import io.incidentstream.codec.json.InvalidJsonException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link ClientMessageReader#TYPES} is exactly what the reader decodes: each listed type gives its own
 * kind of {@link ClientMessage}, together they give every kind there is, and an unknown type's refusal
 * names them all. The API documents are checked against that refusal (bootstrap's ApiDriftTest), so
 * the list must not fall behind the switch.
 */
class ClientMessageTypesTest {

    private static final String INCIDENT = "6f9619ff-8b86-d011-b42d-00c04fc964ff";

    private final ClientMessageReader reader =
            new ClientMessageReader(new DomainReader(Clock.systemUTC(), UUID::randomUUID));

    /** The smallest valid message of each type. */
    private static String minimal(String type) {
        return switch (type) {
            case "subscribe", "unsubscribe" -> "{\"type\":\"" + type + "\",\"subscription_id\":\"s\"}";
            case "ack" -> "{\"type\":\"ack\",\"message_id\":\"" + INCIDENT + "\"}";
            case "refresh" -> "{\"type\":\"refresh\",\"token\":\"t\"}";
            case "watch", "unwatch" -> "{\"type\":\"" + type + "\",\"incident_id\":\"" + INCIDENT + "\"}";
            default -> "{\"type\":\"" + type + "\"}";
        };
    }

    @Test
    void everyListedTypeDecodesToItsOwnKindAndTogetherToEveryKind() {
        Set<Class<?>> decoded = new HashSet<>();
        for (String type : ClientMessageReader.TYPES) {
            ClientMessage message = reader.read(minimal(type));
            assertThat(decoded.add(message.getClass()))
                    .as("%s decodes to a kind of its own", type)
                    .isTrue();
        }
        assertThat(decoded)
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(ClientMessage.class.getPermittedSubclasses()));
    }

    @Test
    void theRefusalOfAnUnknownTypeNamesEveryType() {
        InvalidJsonException refused =
                catchThrowableOfType(InvalidJsonException.class, () -> reader.read("{\"type\":\"hello\"}"));

        assertThat(refused.field()).isEqualTo("type");
        assertThat(refused.getMessage())
                .contains(
                        "unknown message type 'hello' (expected subscribe, unsubscribe, ping, ack, refresh, watch or unwatch)");
        assertThat(List.copyOf(ClientMessageReader.TYPES)).doesNotHaveDuplicates();
    }
}
