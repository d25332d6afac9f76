package io.incidentstream.adapters.websocket;

import com.fasterxml.jackson.core.JsonGenerator;
import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.application.message.Closing;
import io.incidentstream.application.message.ErrorMessage;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.Gap;
import io.incidentstream.application.message.Pong;
import io.incidentstream.application.message.Presence;
import io.incidentstream.application.message.Refreshed;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.message.Snapshot;
import io.incidentstream.application.message.Subscribed;
import io.incidentstream.application.message.Unsubscribed;
import io.incidentstream.application.message.Watching;
import io.incidentstream.application.message.Welcome;
import io.incidentstream.application.port.out.EventEncoder;
import io.incidentstream.codec.json.DomainWriter;
import io.incidentstream.codec.json.Json;
import io.incidentstream.domain.model.Incident;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The JSON shape of every server message; the one place the WebSocket wire format is written. */
public final class ServerMessageWriter implements EventEncoder {

    private final PresenceJson presenceJson = new PresenceJson();

    @Override
    public EventFrame encode(AdmittedEvent event) {
        byte[] json = Json.write(out -> {
            out.writeStartObject();
            out.writeStringField("type", "event");
            out.writeStringField("message_id", event.messageId().toString());
            out.writeFieldName("event");
            DomainWriter.event(out, event.event());
            DomainWriter.instant(out, "timestamp", event.publishedAt());
            out.writeNumberField("seq", event.seq());
            out.writeStringField("priority", event.priority().wire());
            out.writeEndObject();
        });
        // Reopen the finished object (drop its closing brace) so each session can append its own list.
        byte[] key = ",\"subscription_ids\":".getBytes(StandardCharsets.UTF_8);
        byte[] prefix = java.util.Arrays.copyOf(json, json.length - 1 + key.length);
        System.arraycopy(key, 0, prefix, json.length - 1, key.length);
        return new EventFrame(prefix);
    }

    /** The presence message written last and its bytes: every recipient of one update shares them. */
    private record Encoded(ServerMessage message, byte[] bytes) {}

    private volatile Encoded lastPresence;

    /** The UTF-8 text of one message for one session. */
    public byte[] write(ServerMessage message) {
        if (message instanceof EventMessage event) {
            return ((EventFrame) event.event().encoded(this)).forSubscriptions(event.subscriptionIds());
        }
        if (message instanceof Presence) {
            // One presence update goes to many sessions, written by several threads one after another:
            // remember the last one (by identity) rather than encode it again for each.
            Encoded last = lastPresence;
            if (last != null && last.message() == message) {
                return last.bytes();
            }
            byte[] bytes = presenceJson.presence((Presence) message);
            lastPresence = new Encoded(message, bytes);
            return bytes;
        }
        if (message instanceof Watching watching) {
            return presenceJson.watching(watching);
        }
        return encode(message);
    }

    private static byte[] encode(ServerMessage message) {
        return Json.write(out -> {
            out.writeStartObject();
            fields(out, message);
            out.writeEndObject();
        });
    }

    private static void fields(JsonGenerator out, ServerMessage message) throws IOException {
        if (message instanceof Welcome welcome) {
            out.writeStringField("type", "welcome");
            out.writeStringField("session_id", welcome.sessionId());
            DomainWriter.instant(out, "server_time", welcome.serverTime());
            out.writeStringField("epoch", welcome.epoch());
            out.writeNumberField("seq", welcome.seq());
            out.writeNumberField("heartbeat_interval_secs", welcome.heartbeatIntervalSecs());
            out.writeStringField("version", welcome.version());
            out.writeStringField("node_id", welcome.nodeId());
        } else if (message instanceof Subscribed subscribed) {
            out.writeStringField("type", "subscribed");
            out.writeStringField("subscription_id", subscribed.subscriptionId());
            out.writeFieldName("filters");
            DomainWriter.filter(out, subscribed.filters());
            out.writeNumberField("seq", subscribed.seq());
            out.writeFieldName("recovered");
            if (subscribed.recovered() == null) {
                out.writeNull();
            } else {
                out.writeBoolean(subscribed.recovered());
            }
            out.writeFieldName("replayed");
            if (subscribed.replayed() == null) {
                out.writeNull();
            } else {
                out.writeNumber(subscribed.replayed());
            }
        } else if (message instanceof Unsubscribed unsubscribed) {
            out.writeStringField("type", "unsubscribed");
            out.writeStringField("subscription_id", unsubscribed.subscriptionId());
        } else if (message instanceof Pong pong) {
            out.writeStringField("type", "pong");
            out.writeFieldName("timestamp");
            if (pong.timestamp() instanceof Instant instant) {
                out.writeString(Json.timestamp(instant));
            } else if (pong.timestamp() instanceof Number number) {
                out.writeNumber(number.toString());
            } else {
                out.writeString(String.valueOf(pong.timestamp()));
            }
        } else if (message instanceof ErrorMessage error) {
            out.writeStringField("type", "error");
            out.writeStringField("code", error.code().name());
            out.writeStringField("message", error.message());
            out.writeStringField("subscription_id", error.subscriptionId());
        } else if (message instanceof Closing closing) {
            out.writeStringField("type", "closing");
            out.writeStringField("reason", closing.reason());
            out.writeNumberField("code", closing.code().code());
            out.writeBooleanField("reconnect", closing.reconnect());
            out.writeFieldName("retry_after_ms");
            if (closing.retryAfterMs() == null) {
                out.writeNull();
            } else {
                out.writeNumber(closing.retryAfterMs());
            }
        } else if (message instanceof Snapshot snapshot) {
            out.writeStringField("type", "snapshot");
            out.writeStringField("subscription_id", snapshot.subscriptionId());
            out.writeNumberField("seq", snapshot.seq());
            out.writeArrayFieldStart("incidents");
            for (Incident incident : snapshot.incidents()) {
                DomainWriter.incident(out, incident);
            }
            out.writeEndArray();
            out.writeBooleanField("last", snapshot.last());
        } else if (message instanceof Refreshed refreshed) {
            out.writeStringField("type", "refreshed");
            DomainWriter.instant(out, "expires_at", refreshed.expiresAt());
        } else if (message instanceof Gap gap) {
            out.writeStringField("type", "gap");
            out.writeNumberField("from_seq", gap.fromSeq());
            out.writeNumberField("to_seq", gap.toSeq());
            out.writeNumberField("dropped", gap.dropped());
            out.writeStringField("reason", gap.reason());
        }
    }
}
