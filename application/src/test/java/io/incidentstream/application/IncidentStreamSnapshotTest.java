package io.incidentstream.application;

import static io.incidentstream.domain.fixtures.TestFilters.filter;
import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.message.Snapshot;
import io.incidentstream.application.message.Subscribed;
import io.incidentstream.application.port.in.SubscribeCommand;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.event.CommentAdded;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.fixtures.TestIncidents;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code snapshot: true}: the matching incidents as of S, in pages, before any live event. */
class IncidentStreamSnapshotTest {

    /** Snapshots ignore event_types: this filter's snapshot holds every P1 incident. */
    private static final Filter P1_COMMENTS =
            filter().severities(Severity.P1).eventTypes(EventType.COMMENT_ADDED).build();

    private final TestStream stream = new TestStream(
            StreamSettings.defaults().toBuilder().snapshotPageSize(2).build());

    @AfterEach
    void close() {
        stream.close();
    }

    private List<Incident> create(int count, Severity severity) {
        List<Incident> incidents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Incident incident = incident()
                    .severity(severity)
                    .updatedAt(TestIncidents.T0.plusSeconds(i))
                    .build();
            stream.publishAccepted(new IncidentCreated(incident));
            incidents.add(incident);
        }
        return incidents;
    }

    private static List<Incident> incidentsIn(List<Snapshot> pages) {
        return pages.stream().flatMap(page -> page.incidents().stream()).toList();
    }

    @Test
    void snapshot_sendsTheMatchingIncidentsAsOfS_inPages_lastOnlyOnTheFinalPage_thenLiveEventsAfterS() {
        List<Incident> p1 = create(5, Severity.P1);
        create(2, Severity.P3);
        Client client = stream.connect();

        Subscribed subscribed = client.subscribe(new SubscribeCommand("p1", P1_COMMENTS, null, null, true));
        long live = stream.publishAccepted(new CommentAdded(p1.get(0).id(), "bob", "on it", TestIncidents.T0));
        client.barrier();

        assertThat(subscribed.seq()).isEqualTo(7);
        assertThat(subscribed.recovered()).isNull();
        List<ServerMessage> sent = client.stream();
        List<Snapshot> pages = client.channel().messages(Snapshot.class);
        assertThat(sent.get(0)).isEqualTo(subscribed);
        assertThat(sent.subList(1, 4)).containsExactlyElementsOf(pages);
        assertThat(pages).extracting(page -> page.incidents().size()).containsExactly(2, 2, 1);
        assertThat(pages).extracting(Snapshot::last).containsExactly(false, false, true);
        assertThat(pages).extracting(Snapshot::seq).containsOnly(7L);
        assertThat(pages).extracting(Snapshot::subscriptionId).containsOnly("p1");
        assertThat(incidentsIn(pages))
                .containsExactlyInAnyOrderElementsOf(p1)
                .containsExactlyElementsOf(stream.stream.incidents().incidents(P1_COMMENTS));
        assertThat(sent.get(4))
                .isInstanceOfSatisfying(
                        EventMessage.class,
                        event -> assertThat(event.event().seq()).isEqualTo(live).isGreaterThan(subscribed.seq()));
    }

    @Test
    void snapshotOfAnExactNumberOfPages_hasNoTrailingEmptyPage() {
        create(4, Severity.P1);
        Client client = stream.connect();

        client.subscribe(new SubscribeCommand("p1", P1_COMMENTS, null, null, true));
        client.barrier();

        assertThat(client.channel().messages(Snapshot.class))
                .extracting(page -> page.incidents().size(), Snapshot::last)
                .containsExactly(tuple(2, false), tuple(2, true));
    }

    @Test
    void snapshotWithNothingMatching_isOneEmptyLastPage() {
        create(3, Severity.P3);
        Client client = stream.connect();

        Subscribed subscribed = client.subscribe(new SubscribeCommand("p1", P1_COMMENTS, null, null, true));
        client.barrier();

        assertThat(client.channel().messages(Snapshot.class)).singleElement().satisfies(page -> {
            assertThat(page.incidents()).isEmpty();
            assertThat(page.last()).isTrue();
            assertThat(page.seq()).isEqualTo(subscribed.seq());
        });
    }

    @Test
    void resumeThatIsNotRecovered_withSnapshot_getsSnapshotPagesThenLiveEvents() {
        List<Incident> p1 = create(3, Severity.P1);
        Client client = stream.connect();

        Subscribed subscribed = client.subscribe(new SubscribeCommand("p1", P1_COMMENTS, 1L, "another-epoch", true));
        long live = stream.publishAccepted(new CommentAdded(p1.get(2).id(), "bob", "on it", TestIncidents.T0));
        client.barrier();

        assertThat(subscribed.recovered()).isFalse();
        assertThat(subscribed.replayed()).isZero();
        List<ServerMessage> sent = client.stream();
        assertThat(sent).hasSize(4);
        assertThat(sent.get(0)).isEqualTo(subscribed);
        assertThat(sent.subList(1, 3)).allSatisfy(m -> assertThat(m).isInstanceOf(Snapshot.class));
        assertThat(incidentsIn(client.channel().messages(Snapshot.class))).containsExactlyInAnyOrderElementsOf(p1);
        assertThat(sent.get(3)).isInstanceOfSatisfying(EventMessage.class, event -> {
            assertThat(event.event().seq()).isEqualTo(live);
            assertThat(event.replayed()).isFalse();
        });
    }
}
