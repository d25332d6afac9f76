package io.incidentstream.adapters.websocket;

import com.fasterxml.jackson.core.JsonGenerator;
import io.incidentstream.application.message.Presence;
import io.incidentstream.application.message.Watcher;
import io.incidentstream.application.message.Watching;
import io.incidentstream.codec.json.DomainWriter;
import io.incidentstream.codec.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code watching} and {@code presence} messages, assembled into one array of exactly their
 * size from each watcher's JSON, encoded once and kept. Every {@code watching} reply carries the
 * incident's whole watcher list (the contract's), so in a join storm of thousands of sessions the
 * cost of a reply is the cost of its list: a copy of kept bytes, not a {@code since} formatted
 * and a buffer grown again for every watcher of every reply.
 */
final class PresenceJson {

    /** Far above the watchers of any one incident; past it the cache starts over rather than grow. */
    private static final int MAX_KEPT = 65_536;

    private static final byte[] END = {'}'};

    private final Map<Watcher, byte[]> encoded = new ConcurrentHashMap<>();

    byte[] watching(Watching message) {
        return assemble(head("watching", message.incidentId()), message.watchers(), END);
    }

    byte[] presence(Presence message) {
        byte[] tail = Json.write(out -> {
            out.writeStartObject();
            users(out, "joined", message.joined());
            users(out, "left", message.left());
            out.writeEndObject();
        });
        // {"joined":[..],"left":[..]} continues the message: ,"joined":[..],"left":[..]}
        tail[0] = ',';
        return assemble(head("presence", message.incidentId()), message.watchers(), tail);
    }

    /** {@code {"type":..,"incident_id":..,"watchers":}}: the id is a UUID, nothing in it to escape. */
    private static byte[] head(String type, UUID incidentId) {
        return ("{\"type\":\"" + type + "\",\"incident_id\":\"" + incidentId + "\",\"watchers\":")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] assemble(byte[] head, List<Watcher> watchers, byte[] tail) {
        byte[][] items = new byte[watchers.size()][];
        int size = head.length + 2 + Math.max(0, items.length - 1) + tail.length;
        for (int i = 0; i < items.length; i++) {
            items[i] = json(watchers.get(i));
            size += items[i].length;
        }
        byte[] out = new byte[size];
        System.arraycopy(head, 0, out, 0, head.length);
        int at = head.length;
        out[at++] = '[';
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                out[at++] = ',';
            }
            System.arraycopy(items[i], 0, out, at, items[i].length);
            at += items[i].length;
        }
        out[at++] = ']';
        System.arraycopy(tail, 0, out, at, tail.length);
        return out;
    }

    private byte[] json(Watcher watcher) {
        byte[] json = encoded.get(watcher);
        if (json == null) {
            if (encoded.size() >= MAX_KEPT) {
                encoded.clear();
            }
            json = Json.write(out -> {
                out.writeStartObject();
                out.writeStringField("user", watcher.user());
                out.writeStringField("name", watcher.name());
                DomainWriter.instant(out, "since", watcher.since());
                out.writeEndObject();
            });
            encoded.put(watcher, json);
        }
        return json;
    }

    private static void users(JsonGenerator out, String field, List<String> users) throws IOException {
        out.writeArrayFieldStart(field);
        for (String user : users) {
            out.writeString(user);
        }
        out.writeEndArray();
    }
}
