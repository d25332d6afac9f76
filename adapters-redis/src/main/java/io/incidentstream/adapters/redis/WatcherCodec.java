package io.incidentstream.adapters.redis;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.application.message.Watcher;
import io.incidentstream.codec.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One node's watchers of one incident as stored in its presence hash: {@code [{"u","n","s"}]}, s in epoch millis. */
final class WatcherCodec {

    private WatcherCodec() {}

    static String write(List<Watcher> watchers) {
        return new String(
                Json.write(out -> {
                    out.writeStartArray();
                    for (Watcher watcher : watchers) {
                        out.writeStartObject();
                        out.writeStringField("u", watcher.user());
                        if (watcher.name() != null) {
                            out.writeStringField("n", watcher.name());
                        }
                        out.writeNumberField("s", watcher.since().toEpochMilli());
                        out.writeEndObject();
                    }
                    out.writeEndArray();
                }),
                StandardCharsets.UTF_8);
    }

    static List<Watcher> read(String json) {
        JsonNode array = Json.parse(json);
        List<Watcher> watchers = new ArrayList<>(array.size());
        for (JsonNode node : array) {
            JsonNode name = node.get("n");
            watchers.add(new Watcher(
                    node.get("u").asText(),
                    name == null ? null : name.asText(),
                    Instant.ofEpochMilli(node.get("s").asLong())));
        }
        return watchers;
    }
}
