package io.incidentstream.adapters.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.codec.json.DomainReader;
import io.incidentstream.codec.json.Fields;
import io.incidentstream.codec.json.InvalidJsonException;
import io.incidentstream.codec.json.Json;

/**
 * Parses client text frames; anything wrong becomes an {@link InvalidJsonException} saying what and
 * where, or, for a {@code subscribe} whose id could be read, an {@link InvalidSubscribe} that names it.
 */
final class ClientMessageReader {

    /** Subscription ids are echoed in every event frame, so they are kept short. */
    static final int MAX_SUBSCRIPTION_ID_LENGTH = 128;
    /** A watcher's name is shown to every session that sees the incident's presence. */
    static final int MAX_WATCHER_NAME_LENGTH = 128;
    /**
     * Every {@code type} {@link #read} decodes, in the order the refusal of an unknown one lists them.
     * The API documents are checked against the list the real server sends in that refusal, so a new
     * type must be added here as well as to the switch (a test ties the two together).
     */
    static final java.util.List<String> TYPES =
            java.util.List.of("subscribe", "unsubscribe", "ping", "ack", "refresh", "watch", "unwatch");

    private final DomainReader domain;

    ClientMessageReader(DomainReader domain) {
        this.domain = domain;
    }

    ClientMessage read(String text) {
        JsonNode node = Json.parse(text);
        Fields in = Fields.of(node, "", "a message");
        String type = in.text("type");
        return switch (type) {
            case "subscribe" -> subscribe(in);
            case "unsubscribe" -> new ClientMessage.Unsubscribe(subscriptionId(in));
            case "ping" -> new ClientMessage.Ping(timestamp(in));
            case "ack" -> new ClientMessage.Ack(in.uuid("message_id"));
            case "refresh" -> new ClientMessage.Refresh(in.text("token"));
            case "watch" -> new ClientMessage.Watch(in.uuid("incident_id"), watcherName(in));
            case "unwatch" -> new ClientMessage.Unwatch(in.uuid("incident_id"));
            default ->
                throw new InvalidJsonException(
                        "type",
                        "unknown message type '" + abbreviate(type)
                                + "' (expected " + String.join(", ", TYPES.subList(0, TYPES.size() - 1)) + " or "
                                + TYPES.get(TYPES.size() - 1) + ")");
        };
    }

    /** A {@code subscribe} whose id was read, and whose rest was not: the refusal names the subscription. */
    static final class InvalidSubscribe extends RuntimeException {
        private final String subscriptionId;

        InvalidSubscribe(String subscriptionId, InvalidJsonException cause) {
            super(cause.getMessage(), cause, false, false);
            this.subscriptionId = subscriptionId;
        }

        String subscriptionId() {
            return subscriptionId;
        }
    }

    private ClientMessage.Subscribe subscribe(Fields in) {
        String id = subscriptionId(in);
        try {
            return subscribe(in, id);
        } catch (InvalidJsonException e) {
            throw new InvalidSubscribe(id, e);
        }
    }

    private ClientMessage.Subscribe subscribe(Fields in, String id) {
        var filter = domain.filter(in.optObject("filters"));
        boolean hasSince = in.has("since");
        boolean hasEpoch = in.has("epoch");
        if (hasSince != hasEpoch) {
            throw new InvalidJsonException(
                    hasSince ? "epoch" : "since",
                    "'since' and 'epoch' go together: resuming needs both the seq and the epoch it belongs to");
        }
        Long since = null;
        if (hasSince) {
            since = in.optLong("since", 0);
            if (since < 0) {
                throw new InvalidJsonException("since", "since must not be negative");
            }
        }
        return new ClientMessage.Subscribe(id, filter, since, in.optText("epoch"), in.optBool("snapshot", false));
    }

    private static String subscriptionId(Fields in) {
        String id = in.text("subscription_id");
        if (id.isEmpty() || id.codePointCount(0, id.length()) > MAX_SUBSCRIPTION_ID_LENGTH) {
            throw new InvalidJsonException(
                    "subscription_id",
                    "subscription_id must be 1 to " + MAX_SUBSCRIPTION_ID_LENGTH + " characters long");
        }
        // A JSON escape can smuggle in a lone surrogate ("\ud800"), which no event frame could carry as UTF-8.
        if (!isWellFormed(id)) {
            throw new InvalidJsonException(
                    "subscription_id", "subscription_id must be valid Unicode text (it has an unpaired surrogate)");
        }
        return id;
    }

    /** The optional {@code name} of {@code watch}: null when absent or JSON null. */
    private static String watcherName(Fields in) {
        String name = in.optText("name");
        if (name == null) {
            return null;
        }
        if (name.isBlank() || name.codePointCount(0, name.length()) > MAX_WATCHER_NAME_LENGTH) {
            throw new InvalidJsonException(
                    "name", "name must be 1 to " + MAX_WATCHER_NAME_LENGTH + " characters long and not blank");
        }
        if (!isWellFormed(name)) {
            throw new InvalidJsonException("name", "name must be valid Unicode text (it has an unpaired surrogate)");
        }
        return name;
    }

    private static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static Object timestamp(Fields in) {
        if (!in.has("timestamp")) {
            return null;
        }
        JsonNode value = in.raw("timestamp");
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber()) {
            // 1e400 reads as Infinity, which the pong could only echo as the bare word: not JSON.
            if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
                throw new InvalidJsonException("timestamp", "timestamp must be a finite number");
            }
            return value.numberValue();
        }
        throw new InvalidJsonException("timestamp", "timestamp must be a string or a number");
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}
