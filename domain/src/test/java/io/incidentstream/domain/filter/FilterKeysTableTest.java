package io.incidentstream.domain.filter;

import static io.incidentstream.domain.fixtures.TestFilters.filter;
import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.fixtures.TestEvents;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.Severity;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every filter key against every event type, for a known P2 Investigating incident from
 * "prometheus" on "checkout-api" labelled team=payments, env=prod. A filter naming a value the
 * event's subject has matches; one naming only values it lacks does not. A system event has no
 * subject, so only {@code event_types} can match it.
 */
class FilterKeysTableTest {

    private static final Incident INCIDENT = incident()
            .severity(Severity.P2)
            .state(IncidentState.INVESTIGATING)
            .source("prometheus")
            .affectedResources(java.util.List.of("checkout-api", "db"))
            .labels(Map.of("team", "payments", "env", "prod"))
            .build();

    /** Each key with a filter on a value the incident has, and one on values it lacks. */
    enum Key {
        EVENT_TYPES(
                type -> filter().eventTypes(EventType.SYSTEM_EVENT, type).build(),
                type -> filter().eventTypes(other(type)).build()),
        SEVERITIES(
                type -> filter().severities(Severity.P0, Severity.P2).build(),
                // P1 is where the sample escalation goes, so only P3/P4 are lacking throughout.
                type -> filter().severities(Severity.P3, Severity.P4).build()),
        STATES(
                type -> filter().states(IncidentState.INVESTIGATING).build(),
                type -> filter().states(IncidentState.DETECTED, IncidentState.TRIAGED)
                        .build()),
        SOURCES(
                type -> filter().sources("datadog", "prometheus").build(),
                type -> filter().sources("datadog").build()),
        AFFECTED_RESOURCES(
                type -> filter().affectedResources("db", "frontend").build(),
                type -> filter().affectedResources("frontend").build()),
        LABELS(
                type -> filter().labels(Map.of("team", "payments", "env", "prod"))
                        .build(),
                type -> filter().labels(Map.of("team", "payments", "env", "staging"))
                        .build()),
        INCIDENT_IDS(
                type -> filter().incidentIds(UUID.randomUUID(), INCIDENT.id()).build(),
                type -> filter().incidentIds(UUID.randomUUID()).build());

        final Function<EventType, Filter> matching;
        final Function<EventType, Filter> lacking;

        Key(Function<EventType, Filter> matching, Function<EventType, Filter> lacking) {
            this.matching = matching;
            this.lacking = lacking;
        }
    }

    static Stream<Arguments> everyTypeAndKey() {
        return Arrays.stream(EventType.values())
                .flatMap(type -> Arrays.stream(Key.values()).map(key -> Arguments.of(type, key)));
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("everyTypeAndKey")
    void givenFilterOnAValueTheSubjectHas_matchesUnlessSystemEvent(EventType type, Key key) {
        boolean expected = key == Key.EVENT_TYPES || type != EventType.SYSTEM_EVENT;

        assertThat(key.matching.apply(type).matches(attributesOf(type))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("everyTypeAndKey")
    void givenFilterOnlyOnValuesTheSubjectLacks_doesNotMatch(EventType type, Key key) {
        assertThat(key.lacking.apply(type).matches(attributesOf(type))).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void givenEmptyFilter_matchesEveryType(EventType type) {
        assertThat(Filter.all().matches(attributesOf(type))).isTrue();
        assertThat(filter().build().matches(attributesOf(type))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void givenEveryKeyMatching_matchesUnlessSystemEvent(EventType type) {
        Filter everyKey = new Filter(
                java.util.List.of(type),
                java.util.List.of(Severity.P2),
                java.util.List.of(IncidentState.INVESTIGATING),
                java.util.List.of("prometheus"),
                java.util.List.of("db"),
                Map.of("env", "prod"),
                java.util.List.of(INCIDENT.id()));

        assertThat(everyKey.matches(attributesOf(type))).isEqualTo(type != EventType.SYSTEM_EVENT);
    }

    static Stream<EventType> types() {
        return Arrays.stream(EventType.values());
    }

    private static EventAttributes attributesOf(EventType type) {
        Event event = TestEvents.sample(type, INCIDENT);
        return Attribution.of(event, INCIDENT);
    }

    private static EventType other(EventType type) {
        return type == EventType.COMMENT_ADDED ? EventType.NOTIFICATION_SENT : EventType.COMMENT_ADDED;
    }
}
