package io.incidentstream.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import java.util.ArrayList;
import java.util.List;

/**
 * One WebSocket input of the bad-input corpus and what it should get: the messages sent first on
 * the same connection ({@code given}), then the input as a text message or, where {@code text} is
 * null, as a binary frame; the reply types to all of them in order (empty: none), and for an error
 * its code and a part of its message (null: any readable message).
 */
record WsCase(
        String name,
        List<String> given,
        String text,
        byte[] binary,
        List<String> replies,
        String code,
        String messageContains) {

    static WsCase invalid(String name, String text, String messageContains) {
        return new WsCase(name, List.of(), text, null, List.of("error"), "INVALID_MESSAGE", messageContains);
    }

    static WsCase error(String name, String text, String code) {
        return new WsCase(name, List.of(), text, null, List.of("error"), code, null);
    }

    static WsCase reply(String name, String text, String... replies) {
        return new WsCase(name, List.of(), text, null, List.of(replies), null, null);
    }

    static WsCase binary(String name, byte[] frame, String code) {
        return new WsCase(name, List.of(), null, frame, List.of("error"), code, null);
    }

    /** The same input, after {@code messages} on the same connection; their replies come first. */
    WsCase after(List<String> messages, String... theirReplies) {
        List<String> all = new ArrayList<>(List.of(theirReplies));
        all.addAll(replies);
        return new WsCase(name, messages, text, binary, List.copyOf(all), code, messageContains);
    }

    /** The same case, its (first) error reply carrying {@code errorCode}. */
    WsCase withCode(String errorCode) {
        return new WsCase(name, given, text, binary, replies, errorCode, messageContains);
    }

    /**
     * Sends the given messages and the input on {@code client}, then a barrier (an {@code unsubscribe}
     * of an id that does not exist, answered {@code NOT_FOUND} after everything before it), and
     * returns the replies that came before the barrier's: exactly the replies to this case.
     */
    List<JsonNode> exchange(TestClient client, String barrier) throws Exception {
        given.forEach(client::send);
        if (text != null) {
            client.send(text);
        } else {
            client.sendBinary(binary);
        }
        client.send("{\"type\":\"unsubscribe\",\"subscription_id\":\"" + barrier + "\"}");
        List<JsonNode> replies = new ArrayList<>();
        while (true) {
            JsonNode message = client.next();
            if (message.path("type").asText().equals("error")
                    && message.path("code").asText().equals("NOT_FOUND")
                    && barrier.equals(message.path("subscription_id").asText())) {
                return replies;
            }
            replies.add(message);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
