package io.incidentstream.application.routing;

import static io.incidentstream.application.fixtures.TestAdmittedEvents.admitted;
import static io.incidentstream.domain.fixtures.TestFilters.filter;
import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.domain.event.Escalated;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.fixtures.TestEvents;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventRouterTest {

    /** What one session was handed. */
    private static final class RecordingSink implements EventSink {
        final List<AdmittedEvent> events = new ArrayList<>();
        final List<List<String>> ids = new ArrayList<>();

        @Override
        public void deliver(AdmittedEvent event, List<String> subscriptionIds) {
            events.add(event);
            ids.add(subscriptionIds);
        }
    }

    private final SubscriptionIndex index = new SubscriptionIndex();
    private final EventRouter router = new EventRouter(index);
    private final Incident p3 =
            incident().severity(Severity.P3).labels(Map.of("team", "payments")).build();
    private final AdmittedEvent escalationToP0 = admitted(1, new Escalated(p3.id(), Severity.P3, Severity.P0, "r"), p3);

    @Test
    void sessionWithTwoMatchingSubscriptions_getsTheEventOnceWithBothIds() {
        RecordingSink sink = new RecordingSink();
        Recipient session = new Recipient(sink);
        subscribe(session, "by-severity", filter().severities(Severity.P0).build());
        subscribe(
                session, "by-label", filter().labels(Map.of("team", "payments")).build());

        int recipients = router.route(escalationToP0);

        assertThat(recipients).isEqualTo(1);
        assertThat(sink.events).containsExactly(escalationToP0);
        assertThat(sink.ids.get(0)).containsExactlyInAnyOrder("by-severity", "by-label");
    }

    @Test
    void subscriptionFiledUnderBothSeveritiesOfAnEscalation_isCountedOnce() {
        RecordingSink sink = new RecordingSink();
        subscribe(
                new Recipient(sink),
                "p0-or-p3",
                filter().severities(Severity.P0, Severity.P3).build());

        router.route(escalationToP0);

        assertThat(sink.ids).containsExactly(List.of("p0-or-p3"));
    }

    @Test
    void nonMatchingSession_getsNothing() {
        RecordingSink matching = new RecordingSink();
        RecordingSink other = new RecordingSink();
        subscribe(
                new Recipient(matching), "p0", filter().severities(Severity.P0).build());
        subscribe(new Recipient(other), "p4", filter().severities(Severity.P4).build());
        subscribe(
                new Recipient(other),
                "comments",
                filter().eventTypes(EventType.COMMENT_ADDED).build());

        assertThat(router.route(escalationToP0)).isEqualTo(1);
        assertThat(other.events).isEmpty();
    }

    @Test
    void candidateFailingAnotherKey_getsNothing() {
        RecordingSink sink = new RecordingSink();
        subscribe(
                new Recipient(sink),
                "closed-p0",
                filter().severities(Severity.P0).states(IncidentState.CLOSED).build());

        assertThat(router.route(escalationToP0)).isZero();
        assertThat(sink.events).isEmpty();
    }

    @Test
    void removedSubscription_getsNothing() {
        RecordingSink sink = new RecordingSink();
        Registration registration = subscribe(new Recipient(sink), "all", Filter.all());

        index.remove(registration);

        assertThat(router.route(escalationToP0)).isZero();
        assertThat(sink.events).isEmpty();
    }

    @Test
    void consecutiveEvents_eachCarryOnlyTheirOwnMatches() {
        RecordingSink sink = new RecordingSink();
        Recipient session = new Recipient(sink);
        subscribe(session, "all", Filter.all());
        subscribe(session, "p0", filter().severities(Severity.P0).build());

        router.route(escalationToP0);
        router.route(admitted(2, TestEvents.sample(EventType.COMMENT_ADDED, p3), p3));

        assertThat(sink.ids.get(0)).containsExactlyInAnyOrder("all", "p0");
        assertThat(sink.ids.get(1)).containsExactly("all");
    }

    @Test
    void everyMatchingSession_getsTheSameEvent() {
        List<RecordingSink> sinks = List.of(new RecordingSink(), new RecordingSink(), new RecordingSink());
        sinks.forEach(sink -> subscribe(new Recipient(sink), "all", Filter.all()));

        assertThat(router.route(escalationToP0)).isEqualTo(3);
        sinks.forEach(sink -> assertThat(sink.events).containsExactly(escalationToP0));
    }

    @Test
    void afterAnEventMatchedTwoSubscriptions_theNextThatMatchesOneCarriesOnlyItsId() {
        RecordingSink sink = new RecordingSink();
        Recipient session = new Recipient(sink);
        subscribe(session, "by-severity", filter().severities(Severity.P0).build());
        subscribe(
                session, "by-label", filter().labels(Map.of("team", "payments")).build());
        Incident otherTeam = incident()
                .severity(Severity.P0)
                .labels(Map.of("team", "search"))
                .build();

        router.route(escalationToP0);
        router.route(admitted(2, TestEvents.sample(EventType.COMMENT_ADDED, otherTeam), otherTeam));

        assertThat(sink.ids).hasSize(2);
        assertThat(sink.ids.get(0)).containsExactlyInAnyOrder("by-severity", "by-label");
        assertThat(sink.ids.get(1)).containsExactly("by-severity");
    }

    @Test
    void aSubscriptionMatchedAlone_handsTheSameIdListEveryTime_soRoutingAllocatesNone() {
        RecordingSink sink = new RecordingSink();
        subscribe(new Recipient(sink), "p0", filter().severities(Severity.P0).build());

        router.route(escalationToP0);
        Incident p0 = incident().severity(Severity.P0).build();
        router.route(admitted(2, TestEvents.sample(EventType.COMMENT_ADDED, p0), p0));

        assertThat(sink.ids).hasSize(2);
        assertThat(sink.ids.get(1)).containsExactly("p0").isSameAs(sink.ids.get(0));
    }

    private Registration subscribe(Recipient recipient, String id, Filter filter) {
        Registration registration = new Registration(recipient, id, filter, 0);
        index.add(registration);
        return registration;
    }
}
