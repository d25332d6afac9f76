package io.incidentstream.codec.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Alert;
import io.incidentstream.domain.model.Incident;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** Writing and reading through the codec with a fixed clock and predictable ids. */
final class Codec {

    /** What the fixed clock says. */
    static final Instant NOW = Instant.parse("2024-06-01T08:30:00Z");

    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private Codec() {}

    /** Hands out 00000000-0000-0000-0000-000000000001, ...02, ... and counts the calls. */
    static final class CountingIds implements Supplier<UUID> {
        int calls;

        @Override
        public UUID get() {
            calls++;
            return nth(calls);
        }

        static UUID nth(int n) {
            return UUID.fromString(String.format("00000000-0000-0000-0000-%012d", n));
        }
    }

    static DomainReader reader() {
        return new DomainReader(CLOCK, new CountingIds());
    }

    /** JSON written with single quotes for readability; turns them into double quotes. */
    static String q(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static String write(Event event) {
        return text(Json.write(out -> DomainWriter.event(out, event)));
    }

    static String write(Incident incident) {
        return text(Json.write(out -> DomainWriter.incident(out, incident)));
    }

    static String write(Alert alert) {
        return text(Json.write(out -> DomainWriter.alert(out, alert)));
    }

    static String write(Filter filter) {
        return text(Json.write(out -> DomainWriter.filter(out, filter)));
    }

    static JsonNode tree(Event event) {
        return Json.parse(write(event));
    }

    static JsonNode tree(Incident incident) {
        return Json.parse(write(incident));
    }

    static JsonNode tree(Alert alert) {
        return Json.parse(write(alert));
    }

    static Event readEvent(String json) {
        return reader().event(Json.parse(json), "event");
    }

    static Incident readIncident(String json) {
        return readIncident(json, reader());
    }

    static Incident readIncident(String json, DomainReader reader) {
        return reader.incident(Fields.of(Json.parse(json), "incident", "incident"));
    }

    static Alert readAlert(String json, DomainReader reader) {
        return reader.alert(Fields.of(Json.parse(json), "alert", "alert"));
    }

    static Filter readFilter(String json) {
        return reader().filter(Fields.of(Json.parse(json), "filters", "filters"));
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
