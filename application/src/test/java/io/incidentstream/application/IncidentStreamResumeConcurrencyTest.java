package io.incidentstream.application;

import static io.incidentstream.application.fixtures.StreamEvents.alert;
import static io.incidentstream.application.fixtures.StreamEvents.systemEvent;
import static io.incidentstream.domain.fixtures.TestFilters.filter;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.Await;
import io.incidentstream.application.fixtures.Publishers;
import io.incidentstream.application.fixtures.StreamOracle;
import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.Gap;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.message.Subscribed;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that drop their connection at random points while events are published from several
 * threads, and resume in a new session from the last seq they saw: each ends with exactly the
 * matching events after its first S, in order, none twice, none missing.
 */
class IncidentStreamResumeConcurrencyTest {

    private static final int RECONNECTS = 2;
    private static final List<Event> EVENTS = new ArrayList<>();

    static {
        for (Severity severity : Severity.values()) {
            EVENTS.add(alert(severity, "a"));
            EVENTS.add(alert(severity, "b"));
        }
        EVENTS.add(systemEvent());
    }

    private static final List<Filter> FILTERS = List.of(
            Filter.all(),
            filter().severities(Severity.P0, Severity.P1).build(),
            filter().sources("a").build(),
            filter().eventTypes(EventType.SYSTEM_EVENT).build(),
            filter().severities(Severity.P2).sources("b").build(),
            filter().severities(Severity.P4).build());

    private final TestStream stream = new TestStream(
            StreamSettings.defaults().toBuilder().historyCapacity(200_000).build());
    private final Publishers publishers =
            new Publishers(stream, 4, 8_000, 10_000, random -> EVENTS.get(random.nextInt(EVENTS.size())));

    @AfterEach
    void close() throws InterruptedException {
        publishers.stopAndJoin();
        stream.close();
    }

    /** What one client saw across its sessions. */
    private record Run(
            Filter filter,
            long firstSeq,
            List<EventMessage> received,
            List<Subscribed> resumes,
            List<List<ServerMessage>> sessions,
            Client last) {}

    private Run client(int number, Filter filter) {
        Random random = new Random(number);
        String id = "sub-" + number;
        awaitPublished(random.nextInt(3_000));
        Client client = stream.connect();
        long firstSeq = client.subscribe(id, filter).seq();
        List<EventMessage> received = new ArrayList<>();
        List<Subscribed> resumes = new ArrayList<>();
        List<List<ServerMessage>> sessions = new ArrayList<>();
        for (int i = 0; i < RECONNECTS; i++) {
            awaitPublished(publishers.published() + 200 + random.nextInt(2_000));
            // What reached the client before its connection dropped; anything written later is lost.
            List<ServerMessage> seen = client.channel().messages();
            client.session().disconnected();
            sessions.add(seen);
            seen.stream()
                    .filter(EventMessage.class::isInstance)
                    .map(EventMessage.class::cast)
                    .forEach(received::add);
            long since = received.isEmpty()
                    ? firstSeq
                    : received.get(received.size() - 1).event().seq();
            client = stream.connect();
            resumes.add(client.resume(id, filter, since, client.welcome().epoch()));
        }
        return new Run(filter, firstSeq, received, resumes, sessions, client);
    }

    private void awaitPublished(long count) {
        Await.until(() -> publishers.published() >= count || publishers.finished(), count + " events published");
    }

    @Test
    void clientsResumingAtRandomPoints_eachGetEveryMatchingEventOnce_inSeqOrder() throws Exception {
        List<Run> runs = publishers.runClients(FILTERS.size(), number -> client(number, FILTERS.get(number)));
        TreeMap<Long, Event> bySeq = publishers.bySeq();
        assertThat(bySeq.lastKey())
                .as("seqs are 1..n")
                .isEqualTo(bySeq.size())
                .isGreaterThanOrEqualTo(publishers.minimum());
        StreamOracle expected = new StreamOracle(bySeq, stream.clock.instant());

        for (Run run : runs) {
            run.last().barrier();
            List<ServerMessage> lastSession = run.last().channel().messages();
            run.sessions().add(lastSession);
            lastSession.stream()
                    .filter(EventMessage.class::isInstance)
                    .map(EventMessage.class::cast)
                    .forEach(run.received()::add);

            assertThat(run.received().stream().map(m -> m.event().seq()).toList())
                    .as("events received by %s", run.filter())
                    .isEqualTo(expected.matchingAfter(run.firstSeq(), run.filter()));
            assertThat(run.resumes()).as("resumes of %s", run.filter()).allMatch(Subscribed::recovered);
            for (List<ServerMessage> session : run.sessions()) {
                assertThat(session).noneMatch(Gap.class::isInstance);
                assertSubscribedFirst_thenReplay_thenLive(session);
            }
            long replayedInLastSession = lastSession.stream()
                    .filter(EventMessage.class::isInstance)
                    .filter(m -> ((EventMessage) m).replayed())
                    .count();
            assertThat(replayedInLastSession)
                    .isEqualTo(run.resumes().get(RECONNECTS - 1).replayed());
        }
    }

    private static void assertSubscribedFirst_thenReplay_thenLive(List<ServerMessage> session) {
        List<ServerMessage> relevant = session.stream()
                .filter(m -> m instanceof Subscribed || m instanceof EventMessage)
                .toList();
        if (relevant.isEmpty()) {
            return;
        }
        assertThat(relevant.get(0)).isInstanceOf(Subscribed.class);
        List<Boolean> replayed = relevant.subList(1, relevant.size()).stream()
                .map(m -> ((EventMessage) m).replayed())
                .toList();
        int firstLive = replayed.indexOf(false);
        if (firstLive >= 0) {
            assertThat(replayed.subList(firstLive, replayed.size()))
                    .as("no replayed event after a live one")
                    .containsOnly(false);
        }
    }
}
