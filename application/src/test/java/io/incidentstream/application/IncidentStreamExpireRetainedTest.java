package io.incidentstream.application;

import static io.incidentstream.domain.fixtures.TestFilters.filter;
import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.event.CommentAdded;
import io.incidentstream.domain.event.Escalated;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.event.IncidentClosed;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.event.IncidentResolved;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The periodic sweep forgets resolved and closed incidents past their retention, through the stream's maintenance. */
class IncidentStreamExpireRetainedTest {

    private final TestStream stream = new TestStream(StreamSettings.defaults().toBuilder()
            .closedIncidentRetention(Duration.ofHours(1))
            .build());

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void expireRetained_forgetsFinishedIncidentsPastRetention_andKeepsActiveOnes() {
        Incident active = incident().build();
        Incident resolved = incident().build();
        Incident closed = incident().build();
        stream.publishAccepted(new IncidentCreated(active));
        stream.publishAccepted(new IncidentResolved(resolved));
        stream.publishAccepted(new IncidentClosed(closed));

        stream.clock.advance(Duration.ofMinutes(59));
        stream.maintenance().expireRetained();
        assertThat(stream.stream.incidents().incident(resolved.id()))
                .as("within retention")
                .isPresent();

        stream.clock.advance(Duration.ofMinutes(2));
        stream.maintenance().expireRetained();

        assertThat(stream.stream.incidents().incident(active.id())).contains(active);
        assertThat(stream.stream.incidents().incident(resolved.id())).isEmpty();
        assertThat(stream.stream.incidents().incident(closed.id())).isEmpty();
    }

    @Test
    void anEventAboutAForgottenIncident_findsItUnknown_andDoesNotBringItBack() {
        Incident closed = incident().severity(Severity.P2).build();
        stream.publishAccepted(new IncidentClosed(closed));
        stream.clock.advance(Duration.ofMinutes(61));
        stream.maintenance().expireRetained();
        TestStream.Client bySeverity = stream.connect();
        bySeverity.subscribe("p2", filter().severities(Severity.P2).build());
        TestStream.Client byType = stream.connect();
        byType.subscribe(
                "comments", filter().eventTypes(EventType.COMMENT_ADDED).build());

        stream.publishAccepted(new CommentAdded(closed.id(), "ann", "still there?", stream.clock.instant()));
        stream.publishAccepted(new Escalated(closed.id(), Severity.P2, Severity.P0, "again"));
        bySeverity.barrier();
        byType.barrier();

        assertThat(bySeverity.channel().messages(EventMessage.class)).isEmpty();
        List<EventMessage> comments = byType.channel().messages(EventMessage.class);
        assertThat(comments).hasSize(1);
        assertThat(((CommentAdded) comments.get(0).event().event()).incident()).isNull();
        assertThat(stream.stream.incidents().incident(closed.id())).isEmpty();
    }
}
