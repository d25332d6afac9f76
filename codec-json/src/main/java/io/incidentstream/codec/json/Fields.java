package io.incidentstream.codec.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.domain.model.InvalidValueException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Reads the fields of one JSON object, naming each by its dotted path in every error, so that a
 * client learns exactly which field was wrong ({@code event.incident.severity}) and why.
 */
public final class Fields {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final Pattern RFC_3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    private final JsonNode node;
    private final String path;

    private Fields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The fields of {@code node}, which must be an object; {@code what} names it in errors. */
    public static Fields of(JsonNode node, String path, String what) {
        if (node == null || !node.isObject()) {
            throw new InvalidJsonException(path, what + " must be a JSON object, got " + kind(node));
        }
        return new Fields(node, path);
    }

    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    /** The raw value of a field, or of this whole object when {@code name} is null. */
    public JsonNode raw(String name) {
        return name == null ? node : node.get(name);
    }

    public Iterator<String> names() {
        return node.fieldNames();
    }

    public String path(String name) {
        return path == null || path.isEmpty() ? name : path + "." + name;
    }

    public Fields object(String name) {
        JsonNode value = required(name);
        return of(value, path(name), path(name));
    }

    public Fields optObject(String name) {
        return has(name) ? object(name) : null;
    }

    public String text(String name) {
        return textOf(required(name), path(name));
    }

    public String optText(String name) {
        return has(name) ? text(name) : null;
    }

    public boolean bool(String name) {
        JsonNode value = required(name);
        if (!value.isBoolean()) {
            throw mistyped(name, "a boolean", value);
        }
        return value.booleanValue();
    }

    public boolean optBool(String name, boolean otherwise) {
        return has(name) ? bool(name) : otherwise;
    }

    public int integer(String name) {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw mistyped(name, "an integer", value);
        }
        return value.intValue();
    }

    public long optLong(String name, long otherwise) {
        if (!has(name)) {
            return otherwise;
        }
        JsonNode value = node.get(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw mistyped(name, "an integer", value);
        }
        return value.longValue();
    }

    public Double optNumber(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode value = node.get(name);
        if (!value.isNumber()) {
            throw mistyped(name, "a number", value);
        }
        return value.doubleValue();
    }

    public UUID uuid(String name) {
        return uuidOf(required(name), path(name));
    }

    public UUID optUuid(String name) {
        return has(name) ? uuid(name) : null;
    }

    public Instant instant(String name) {
        return instantOf(required(name), path(name));
    }

    public Instant optInstant(String name) {
        return has(name) ? instant(name) : null;
    }

    /** An enum spelled exactly as on the wire; {@code parse} is the enum's own parser. */
    public <E> E enumOf(String name, BiFunction<String, String, E> parse) {
        return parsed(text(name), path(name), parse);
    }

    public <E> E optEnum(String name, BiFunction<String, String, E> parse) {
        return has(name) ? enumOf(name, parse) : null;
    }

    public List<String> stringList(String name) {
        return list(name, Fields::textOf);
    }

    public List<UUID> uuidList(String name) {
        return list(name, Fields::uuidOf);
    }

    public <E> List<E> enumList(String name, BiFunction<String, String, E> parse) {
        return list(name, (value, at) -> {
            return parsed(textOf(value, at), at, parse);
        });
    }

    /** A list field; absent or null is empty. */
    public <T> List<T> list(String name, BiFunction<JsonNode, String, T> element) {
        if (!has(name)) {
            return List.of();
        }
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            throw mistyped(name, "an array", value);
        }
        List<T> result = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            result.add(element.apply(value.get(i), path(name) + "[" + i + "]"));
        }
        return result;
    }

    /** An object of string values; absent or null is empty. */
    public Map<String, String> stringMap(String name) {
        if (!has(name)) {
            return Map.of();
        }
        Fields map = object(name);
        Map<String, String> result = new LinkedHashMap<>();
        map.node
                .properties()
                .forEach(entry -> result.put(entry.getKey(), textOf(entry.getValue(), map.path(entry.getKey()))));
        return result;
    }

    /**
     * Runs a domain constructor, turning its validation errors (which name the bare field) into
     * errors at this object's path.
     */
    public <T> T domain(java.util.function.Supplier<T> construct) {
        try {
            return construct.get();
        } catch (InvalidValueException e) {
            String field = path(e.field());
            throw new InvalidJsonException(
                    field, field + e.getMessage().substring(e.field().length()));
        }
    }

    private static <E> E parsed(String text, String at, BiFunction<String, String, E> parse) {
        try {
            return parse.apply(text, at);
        } catch (InvalidValueException e) {
            throw new InvalidJsonException(e.field(), e.getMessage());
        }
    }

    private JsonNode required(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new InvalidJsonException(path(name), "missing required field '" + path(name) + "'");
        }
        return value;
    }

    private InvalidJsonException mistyped(String name, String expected, JsonNode value) {
        return new InvalidJsonException(path(name), path(name) + " must be " + expected + ", got " + kind(value));
    }

    static String textOf(JsonNode value, String at) {
        if (value == null || !value.isTextual()) {
            throw new InvalidJsonException(at, at + " must be a string, got " + kind(value));
        }
        return value.textValue();
    }

    static UUID uuidOf(JsonNode value, String at) {
        String text = textOf(value, at);
        if (!UUID_TEXT.matcher(text).matches()) {
            throw new InvalidJsonException(at, at + " must be a UUID, got '" + abbreviate(text) + "'");
        }
        return UUID.fromString(text);
    }

    static Instant instantOf(JsonNode value, String at) {
        String text = textOf(value, at);
        // ISO_OFFSET_DATE_TIME also takes forms RFC 3339 does not (+10000 years, no seconds, +02 offsets),
        // which other clients could not read back: only the RFC 3339 shape is let through.
        if (!RFC_3339.matcher(text).matches()) {
            throw new InvalidJsonException(
                    at, at + " must be an RFC 3339 timestamp with an offset, got '" + abbreviate(text) + "'");
        }
        try {
            Instant leap = leapSecondAsLast(text);
            return leap != null
                    ? leap
                    : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                            .toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidJsonException(
                    at, at + " must be an RFC 3339 timestamp with an offset, got '" + abbreviate(text) + "'");
        }
    }

    /**
     * RFC 3339 allows a leap second, second 60 of the last minute of a UTC day (in any offset:
     * {@code 15:59:60-08:00}), which java.time does not: read as second 59, as {@code Instant}
     * parsing does, so {@code 23:59:60.5Z} is {@code 23:59:59.5Z}. Null when the text has no second 60.
     */
    private static Instant leapSecondAsLast(String text) {
        if (!text.startsWith("60", 17)) {
            return null;
        }
        Instant instant = OffsetDateTime.parse(
                        text.substring(0, 17) + "59" + text.substring(19), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant();
        LocalTime utc = instant.atOffset(ZoneOffset.UTC).toLocalTime();
        if (utc.getHour() != 23 || utc.getMinute() != 59) {
            throw new DateTimeParseException("not a leap second", text, 17);
        }
        return instant;
    }

    static String kind(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}
