package io.incidentstream.adapters.http;

import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.InvalidValueException;
import io.incidentstream.domain.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.eclipse.jetty.util.Fields;

/**
 * The query of {@code GET /api/v1/incidents} as a domain {@link Filter}: {@code severity},
 * {@code state}, {@code source} and {@code label=key:value}, each repeatable and each also taking
 * comma-separated values. Values of one parameter are alternatives; labels must all match.
 * Unknown parameters are refused rather than ignored: a misspelt one would silently widen the answer.
 */
final class IncidentFilterParams {

    private static final Set<String> KNOWN = Set.of("severity", "state", "source", "label");

    private IncidentFilterParams() {}

    static Filter filter(Fields query) {
        for (String name : query.getNames()) {
            if (!KNOWN.contains(name)) {
                throw new ApiException(ApiError.invalidParameter(
                        name, "unknown query parameter '" + name + "' (expected severity, state, source, label)"));
            }
        }
        List<Severity> severities = enums(query, "severity", Severity::parse);
        List<IncidentState> states = enums(query, "state", IncidentState::parse);
        List<String> sources = values(query, "source");
        Map<String, String> labels = new LinkedHashMap<>();
        for (String label : values(query, "label")) {
            int colon = label.indexOf(':');
            if (colon <= 0) {
                throw new ApiException(
                        ApiError.invalidParameter("label", "label must be key:value, got '" + label + "'"));
            }
            String key = label.substring(0, colon);
            String value = label.substring(colon + 1);
            String previous = labels.putIfAbsent(key, value);
            if (previous != null && !previous.equals(value)) {
                // Labels are ANDed: two values for one key could never match anything.
                throw new ApiException(ApiError.invalidParameter(
                        "label", "label '" + key + "' is given twice, with '" + previous + "' and '" + value + "'"));
            }
        }
        return new Filter(List.of(), severities, states, sources, List.of(), labels, List.of());
    }

    private static <E> List<E> enums(Fields query, String name, BiFunction<String, String, E> parse) {
        List<E> result = new ArrayList<>();
        for (String text : values(query, name)) {
            try {
                result.add(parse.apply(text, name));
            } catch (InvalidValueException e) {
                throw new ApiException(ApiError.invalidParameter(name, e.getMessage()));
            }
        }
        return result;
    }

    /** Every value of a parameter, repeated or comma-separated; an empty value is refused. */
    private static List<String> values(Fields query, String name) {
        List<String> result = new ArrayList<>();
        for (String value : query.getValuesOrEmpty(name)) {
            for (String part : value.split(",", -1)) {
                String trimmed = part.trim();
                if (trimmed.isEmpty()) {
                    throw new ApiException(ApiError.invalidParameter(name, name + " must not be empty"));
                }
                result.add(trimmed);
            }
        }
        return result;
    }
}
