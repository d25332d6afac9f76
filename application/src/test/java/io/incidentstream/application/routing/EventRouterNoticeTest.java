package io.incidentstream.application.routing;

import static io.incidentstream.domain.fixtures.TestFilters.filter;
import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.message.Presence;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.filter.Subject;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Notices (presence) reach each session whose subscriptions match the incident, once, as a
 * snapshot would select it; sessions whose subscriptions cannot match are not even looked at.
 */
class EventRouterNoticeTest {

    private final SubscriptionIndex index = new SubscriptionIndex();
    private final EventRouter router = new EventRouter(index);
    private final Incident incident =
            incident().severity(Severity.P1).source("checkout").build();
    private final Presence message = new Presence(incident.id(), List.of(), List.of(), List.of());

    /** Records the notices it takes. */
    private static final class Session implements EventSink {
        final List<ServerMessage> notices = new ArrayList<>();
        final Recipient recipient = new Recipient(this);

        @Override
        public void deliver(io.incidentstream.application.message.AdmittedEvent event, List<String> ids) {}

        @Override
        public boolean notice(ServerMessage notice) {
            notices.add(notice);
            return true;
        }
    }

    @Test
    void matchingSessionsGetTheNoticeOnce_othersNothing() {
        Session watcher = session(
                filter().incidentIds(incident.id()).build(),
                filter().severities(Severity.P1).build());
        Session bySeverity =
                session(filter().severities(Severity.P0, Severity.P1).build());
        Session byType = session(filter().eventTypes(EventType.COMMENT_ADDED).build());
        Session everything = session(Filter.all());
        Session otherIncident =
                session(filter().incidentIds(incident().build().id()).build());
        Session otherSource = session(filter().sources("billing").build());
        Session severityAndWrongSource =
                session(filter().severities(Severity.P1).sources("billing").build());

        int taken = router.routeNotice(Subject.of(incident), message);

        assertThat(taken).isEqualTo(4);
        assertThat(watcher.notices).containsExactly(message);
        assertThat(bySeverity.notices).containsExactly(message);
        assertThat(byType.notices)
                .as("event_types do not apply to a notice, as to a snapshot")
                .containsExactly(message);
        assertThat(everything.notices).containsExactly(message);
        assertThat(otherIncident.notices).isEmpty();
        assertThat(otherSource.notices).isEmpty();
        assertThat(severityAndWrongSource.notices).isEmpty();
    }

    @Test
    void subscriptionsFiledUnderOtherValues_areNeverCandidates() {
        Registration other = register(
                new Session(), filter().incidentIds(incident().build().id()).build());
        Registration billing =
                register(new Session(), filter().sources("billing").build());
        Registration mine = register(new Session(), filter().sources("checkout").build());
        Set<Registration> visited = new java.util.HashSet<>();

        index.visitSubjectCandidates(Subject.of(incident), visited::add);

        assertThat(visited).containsExactly(mine).doesNotContain(other, billing);
    }

    @Test
    void aSinkThatDeclines_isNotCounted() {
        Recipient eventsOnly = new Recipient((event, ids) -> {});
        index.add(new Registration(eventsOnly, "s", Filter.all(), 0));

        assertThat(router.routeNotice(Subject.of(incident), message)).isZero();
    }

    private Session session(Filter... filters) {
        Session session = new Session();
        for (Filter f : filters) {
            register(session, f);
        }
        return session;
    }

    private Registration register(Session session, Filter f) {
        Registration registration = new Registration(session.recipient, "s" + index.size(), f, 0);
        index.add(registration);
        return registration;
    }
}
