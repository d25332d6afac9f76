package io.incidentstream.domain.filter;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentstream.domain.model.InvalidValueException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A filter is checked when built, not when matched: matching runs on the dispatcher thread for
 * every event, where a null label would throw and cut the event off from every later recipient.
 */
class FilterValidationTest {

    @Test
    void givenNullLabelValue_construct_refusedNamingLabels() {
        Map<String, String> labels = new HashMap<>();
        labels.put("team", null);

        assertThatThrownBy(() -> new Filter(null, null, null, null, null, labels, null))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("labels ");
    }

    @Test
    void givenNullLabelKey_construct_refusedNamingLabels() {
        Map<String, String> labels = new HashMap<>();
        labels.put(null, "payments");

        assertThatThrownBy(() -> new Filter(null, null, null, null, null, labels, null))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("labels ");
    }

    @Test
    void givenNullInAList_construct_refusedNamingTheKey() {
        List<String> sources = Arrays.asList("prometheus", null);

        assertThatThrownBy(() -> new Filter(null, null, null, sources, null, null, null))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("sources ");
        assertThatThrownBy(() -> new Filter(
                        null,
                        Arrays.asList(io.incidentstream.domain.model.Severity.P0, null),
                        null,
                        null,
                        null,
                        null,
                        null))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("severities ");
    }
}
