package io.incidentstream.domain.filter;

import static io.incidentstream.domain.fixtures.TestFilters.filter;
import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterShapeTest {

    @Test
    void givenNullKeys_everyKeyIsEmpty_andEqualsMatchAll() {
        Filter fromNulls = new Filter(null, null, null, null, null, null, null);

        assertThat(fromNulls).isEqualTo(Filter.all()).hasSameHashCodeAs(Filter.all());
        assertThat(fromNulls.severities()).isEmpty();
        assertThat(fromNulls.labels()).isEmpty();
    }

    @Test
    void givenDuplicates_keysHoldEachValueOnce() {
        Filter f = new Filter(
                List.of(EventType.ESCALATED, EventType.ESCALATED),
                List.of(),
                List.of(),
                List.of("a", "a", "b"),
                List.of(),
                Map.of(),
                List.of());

        assertThat(f.eventTypes()).containsExactly(EventType.ESCALATED);
        assertThat(f.sources()).containsExactly("a", "b");
    }

    @Test
    void largestListSize_isTheLongestKey_labelsCountingAsOne() {
        assertThat(Filter.all().largestListSize()).isZero();
        assertThat(filter().severities(Severity.P0, Severity.P1)
                        .sources("a", "b", "c")
                        .build()
                        .largestListSize())
                .isEqualTo(3);
        assertThat(filter().labels(Map.of("a", "1", "b", "2", "c", "3", "d", "4"))
                        .build()
                        .largestListSize())
                .isEqualTo(4);
    }

    @Test
    void subjectMatch_forSnapshots_ignoresEventTypes() {
        Incident p1 = incident().severity(Severity.P1).build();
        Filter onlyComments = filter().eventTypes(EventType.COMMENT_ADDED)
                .severities(Severity.P1)
                .build();

        assertThat(onlyComments.matches(Subject.of(p1))).isTrue();
    }

    @Test
    void subjectMatch_ofNothing_isFalseEvenForMatchAll() {
        assertThat(Filter.all().matches((Subject) null)).isFalse();
    }

    @Test
    void subjectMatch_appliesEveryKey() {
        Incident incident =
                incident().severity(Severity.P1).state(IncidentState.DETECTED).build();

        assertThat(filter().severities(Severity.P1)
                        .states(IncidentState.CLOSED)
                        .build()
                        .matches(Subject.of(incident)))
                .isFalse();
    }

    @Test
    void mutatingTheInputs_doesNotChangeTheFilter() {
        java.util.ArrayList<String> sources = new java.util.ArrayList<>(List.of("a"));
        Filter f = new Filter(null, null, null, sources, null, null, null);

        sources.add("b");

        assertThat(f.sources()).containsExactly("a");
    }
}
