package io.incidentstream.application.routing;

import static io.incidentstream.domain.fixtures.TestFilters.filter;
import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.domain.event.Escalated;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.filter.Attribution;
import io.incidentstream.domain.filter.EventAttributes;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.fixtures.TestEvents;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.Severity;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each index key finds the subscriptions filed under it, and only those (plus the unindexed). */
class SubscriptionIndexTest {

    private final SubscriptionIndex index = new SubscriptionIndex();
    private final Recipient recipient = new Recipient((event, ids) -> {});
    private final Incident incident = incident()
            .severity(Severity.P2)
            .source("prometheus")
            .labels(Map.of("team", "payments"))
            .build();

    @Test
    void byIncidentId_candidateOnlyForEventsAboutThatIncident() {
        Registration r =
                file(filter().incidentIds(incident.id()).severities(Severity.P0).build());

        assertThat(candidates(about(incident))).containsExactly(r);
        assertThat(candidates(about(incident().build()))).isEmpty();
    }

    @Test
    void byLabel_candidateOnlyForSubjectsWithThatPair() {
        Registration r = file(filter().labels(Map.of("team", "payments")).build());

        assertThat(candidates(about(incident))).containsExactly(r);
        assertThat(candidates(about(incident().labels(Map.of("team", "dba")).build())))
                .isEmpty();
    }

    @Test
    void bySource_candidateOnlyForSubjectsFromThatSource() {
        Registration r = file(filter().sources("datadog", "prometheus").build());

        assertThat(candidates(about(incident))).containsExactly(r);
        assertThat(candidates(about(incident().source("grafana").build()))).isEmpty();
    }

    @Test
    void bySeverity_candidateOnlyForSubjectsOfThatSeverity() {
        Registration r = file(filter().severities(Severity.P2).build());

        assertThat(candidates(about(incident))).containsExactly(r);
        assertThat(candidates(about(incident().severity(Severity.P4).build()))).isEmpty();
    }

    @Test
    void bySeverity_escalationIsFoundThroughTheNewSeverity() {
        Registration p0 = file(filter().severities(Severity.P0).build());

        EventAttributes escalation =
                Attribution.of(new Escalated(incident.id(), Severity.P2, Severity.P0, "r"), incident);

        assertThat(candidates(escalation)).containsExactly(p0);
    }

    @Test
    void byEventType_candidateOnlyForThatType() {
        Registration r = file(filter().eventTypes(EventType.SYSTEM_EVENT).build());

        assertThat(candidates(Attribution.of(TestEvents.sample(EventType.SYSTEM_EVENT, incident), null)))
                .containsExactly(r);
        assertThat(candidates(about(incident))).isEmpty();
    }

    @Test
    void unindexed_candidateForEveryEvent() {
        Registration all = file(Filter.all());
        Registration active = file(filter().activeStates().build());

        assertThat(candidates(Attribution.of(TestEvents.sample(EventType.SYSTEM_EVENT, incident), null)))
                .containsExactlyInAnyOrder(all, active);
        assertThat(candidates(about(incident))).containsExactlyInAnyOrder(all, active);
    }

    @Test
    void mostSelectiveKeyWins_incidentIdOverEventType() {
        Registration r = file(filter().incidentIds(incident.id())
                .eventTypes(EventType.SYSTEM_EVENT)
                .build());

        assertThat(candidates(Attribution.of(TestEvents.sample(EventType.SYSTEM_EVENT, incident), null)))
                .isEmpty();
        assertThat(candidates(about(incident))).containsExactly(r);
    }

    @Test
    void remove_takesTheRegistrationOutOfEveryBucket() {
        UUID other = UUID.randomUUID();
        Registration r = file(filter().incidentIds(incident.id(), other).build());
        Registration kept = file(filter().sources("prometheus").build());

        index.remove(r);

        assertThat(candidates(about(incident))).containsExactly(kept);
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void remove_ofEachKindOfKey_leavesNoCandidates() {
        Registration[] all = {
            file(filter().labels(Map.of("team", "payments")).build()),
            file(filter().severities(Severity.P2).build()),
            file(filter().eventTypes(EventType.COMMENT_ADDED).build()),
            file(Filter.all())
        };
        assertThat(candidates(about(incident))).containsExactlyInAnyOrder(all);

        for (Registration r : all) {
            index.remove(r);
        }

        assertThat(candidates(about(incident))).isEmpty();
        assertThat(index.size()).isZero();
    }

    private Registration file(Filter filter) {
        Registration registration = new Registration(recipient, "s" + index.size(), filter, 0);
        index.add(registration);
        return registration;
    }

    /** A comment on the known incident: its subject, before and after, is the incident. */
    private static EventAttributes about(Incident incident) {
        return Attribution.of(TestEvents.sample(EventType.COMMENT_ADDED, incident), incident);
    }

    private Set<Registration> candidates(EventAttributes attributes) {
        Set<Registration> found = new LinkedHashSet<>();
        index.visitCandidates(attributes, found::add);
        return found;
    }
}
