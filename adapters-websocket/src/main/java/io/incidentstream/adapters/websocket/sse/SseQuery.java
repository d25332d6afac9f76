package io.incidentstream.adapters.websocket.sse;

import io.incidentstream.application.port.in.SubscribeCommand;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.InvalidValueException;
import io.incidentstream.domain.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.Fields;

/**
 * The one subscription of a {@code GET /sse} request, read from its query and its
 * {@code Last-Event-ID} header. Everything wrong in the query is an {@link Invalid} naming the
 * parameter, answered with 400 before the stream starts; unknown parameters are ignored, since
 * browsers and proxies add cache-busters. A malformed {@code Last-Event-ID} is not an error: a 400
 * would stop {@code EventSource} for good, so it resumes from nowhere instead ({@code recovered: false}).
 */
final class SseQuery {

    static final String DEFAULT_SUBSCRIPTION_ID = "sse";
    /** The same bound as a WebSocket subscribe's: the id is echoed in every event. */
    static final int MAX_SUBSCRIPTION_ID_LENGTH = 128;
    /** An epoch no history ever has: resuming "in" it can only come back {@code recovered: false}. */
    static final String UNKNOWN_EPOCH = "";

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern LAST_EVENT_ID = Pattern.compile("(.+):(\\d{1,18})");

    /** A query the stream cannot start from; {@code code} is the JSON error's code. */
    static final class Invalid extends RuntimeException {
        private final String code;
        private final String parameter;

        Invalid(String code, String parameter, String message) {
            super(message, null, false, false);
            this.code = code;
            this.parameter = parameter;
        }

        String code() {
            return code;
        }

        String parameter() {
            return parameter;
        }
    }

    private SseQuery() {}

    /**
     * @param lastEventId the {@code Last-Event-ID} header, or null; when well formed it wins over
     *                    {@code since} and {@code epoch}
     */
    static SubscribeCommand parse(Fields query, String lastEventId, int maxFilterValues) {
        String id = subscriptionId(query);
        Filter filter = new Filter(
                enums(query, "event_types", EventType::parse, maxFilterValues),
                enums(query, "severities", Severity::parse, maxFilterValues),
                enums(query, "states", IncidentState::parse, maxFilterValues),
                bounded(query, "sources", maxFilterValues),
                bounded(query, "affected_resources", maxFilterValues),
                labels(query, maxFilterValues),
                incidentIds(query, maxFilterValues));
        boolean snapshot = bool(query, "snapshot");
        String since = single(query, "since");
        String epoch = single(query, "epoch");
        if ((since == null) != (epoch == null)) {
            String missing = since == null ? "since" : "epoch";
            throw invalid(
                    missing,
                    "'since' and 'epoch' go together: resuming needs both the seq and the epoch it" + " belongs to");
        }
        Long sinceSeq = since == null ? null : seq(since);
        if (epoch != null && epoch.isEmpty()) {
            throw invalid("epoch", "epoch must not be empty");
        }
        if (lastEventId != null && !lastEventId.isBlank()) {
            var matcher = LAST_EVENT_ID.matcher(lastEventId.trim());
            if (matcher.matches()) {
                sinceSeq = Long.parseLong(matcher.group(2));
                epoch = matcher.group(1);
            } else {
                sinceSeq = 0L;
                epoch = UNKNOWN_EPOCH;
            }
        }
        return new SubscribeCommand(id, filter, sinceSeq, epoch, snapshot);
    }

    private static String subscriptionId(Fields query) {
        String id = single(query, "subscription_id");
        if (id == null) {
            return DEFAULT_SUBSCRIPTION_ID;
        }
        if (id.isEmpty() || id.codePointCount(0, id.length()) > MAX_SUBSCRIPTION_ID_LENGTH) {
            throw invalid(
                    "subscription_id",
                    "subscription_id must be 1 to " + MAX_SUBSCRIPTION_ID_LENGTH + " characters long");
        }
        return id;
    }

    private static long seq(String text) {
        if (!text.matches("\\d{1,18}")) {
            throw invalid("since", "since must be a seq: a whole number, 0 or more, got '" + abbreviate(text) + "'");
        }
        return Long.parseLong(text);
    }

    private static boolean bool(Fields query, String name) {
        String text = single(query, name);
        if (text == null || text.equals("false")) {
            return false;
        }
        if (text.equals("true")) {
            return true;
        }
        throw invalid(name, name + " must be true or false, got '" + abbreviate(text) + "'");
    }

    private static <E> List<E> enums(Fields query, String name, BiFunction<String, String, E> parse, int max) {
        Set<E> result = new LinkedHashSet<>();
        for (String text : items(query, name)) {
            try {
                result.add(parse.apply(text, name));
            } catch (InvalidValueException e) {
                throw invalid(name, e.getMessage());
            }
        }
        return atMost(name, result, max);
    }

    private static List<UUID> incidentIds(Fields query, int max) {
        Set<UUID> result = new LinkedHashSet<>();
        for (String text : items(query, "incident_ids")) {
            if (!UUID_TEXT.matcher(text).matches()) {
                throw invalid("incident_ids", "incident_ids must hold UUIDs, got '" + abbreviate(text) + "'");
            }
            result.add(UUID.fromString(text));
        }
        return atMost("incident_ids", result, max);
    }

    /** {@code label=key:value}, repeatable, all must match; the value may itself hold colons. */
    private static Map<String, String> labels(Fields query, int max) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String label : query.getValuesOrEmpty("label")) {
            int colon = label.indexOf(':');
            if (colon <= 0) {
                throw invalid("label", "label must be key:value, got '" + abbreviate(label) + "'");
            }
            String key = label.substring(0, colon);
            String value = label.substring(colon + 1);
            String previous = labels.putIfAbsent(key, value);
            if (previous != null && !previous.equals(value)) {
                // Labels are ANDed: two values for one key could never match anything.
                throw invalid(
                        "label",
                        "label '" + abbreviate(key) + "' is given twice, with '" + abbreviate(previous) + "' and '"
                                + abbreviate(value) + "'");
            }
        }
        if (labels.size() > max) {
            throw tooMany("label", max);
        }
        return labels;
    }

    /** The distinct values of a list parameter, at most {@code max} of them. */
    private static List<String> bounded(Fields query, String name, int max) {
        return atMost(name, new LinkedHashSet<>(items(query, name)), max);
    }

    /**
     * Values counted as {@code /ws} counts a filter list: once each, however often given (its filter
     * lists are sets).
     */
    private static <T> List<T> atMost(String name, Set<T> distinct, int max) {
        if (distinct.size() > max) {
            throw tooMany(name, max);
        }
        return List.copyOf(distinct);
    }

    /**
     * The comma-separated (or repeated) values of a list parameter. An empty parameter is no
     * constraint, as an omitted one; an empty item inside a list is a mistake.
     */
    private static List<String> items(Fields query, String name) {
        List<String> result = new ArrayList<>();
        for (String value : query.getValuesOrEmpty(name)) {
            if (value.isEmpty()) {
                continue;
            }
            for (String part : value.split(",", -1)) {
                String trimmed = part.trim();
                if (trimmed.isEmpty()) {
                    throw invalid(name, name + " has an empty item in '" + abbreviate(value) + "'");
                }
                result.add(trimmed);
            }
        }
        return result;
    }

    /** The value of a parameter that may be given once; null when absent. */
    private static String single(Fields query, String name) {
        List<String> values = query.getValuesOrEmpty(name);
        if (values.size() > 1) {
            throw invalid(name, name + " is given " + values.size() + " times; give it once");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    private static Invalid invalid(String parameter, String message) {
        return new Invalid("INVALID_PARAMETER", parameter, message);
    }

    private static Invalid tooMany(String parameter, int max) {
        return new Invalid(
                "SUBSCRIPTION_LIMIT",
                parameter,
                "a filter list may hold at most " + max + " values (" + parameter + ")");
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}
