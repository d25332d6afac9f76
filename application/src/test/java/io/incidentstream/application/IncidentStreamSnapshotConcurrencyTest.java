package io.incidentstream.application;

import static io.incidentstream.domain.fixtures.TestFilters.filter;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.Await;
import io.incidentstream.application.fixtures.Publishers;
import io.incidentstream.application.fixtures.RandomIncidentEvents;
import io.incidentstream.application.fixtures.StreamOracle;
import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.message.Snapshot;
import io.incidentstream.application.message.Subscribed;
import io.incidentstream.application.port.in.SubscribeCommand;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Incident;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Snapshots taken while events are published from several threads: each is exactly the view as of
 * its S, and the snapshot with the events after S rebuilds the view as it ends up.
 */
class IncidentStreamSnapshotConcurrencyTest {

    private static final int PAGE_SIZE = 4;
    private static final int SNAPSHOTS_PER_CLIENT = 3;
    private static final RandomIncidentEvents EVENTS = new RandomIncidentEvents(24);

    /**
     * Filters on what only incident_* events change (state) or nothing changes (source, labels, id), so
     * that a client can rebuild from the events it receives: those carry every incident entering its view.
     */
    private static final List<Filter> FILTERS = List.of(
            Filter.all(),
            filter().activeStates().build(),
            filter().sources("prometheus").build(),
            filter().labels(Map.of("team", "payments")).activeStates().build(),
            filter().incidentIds(
                            EVENTS.ids().get(0),
                            EVENTS.ids().get(1),
                            EVENTS.ids().get(5))
                    .build());

    private final TestStream stream = new TestStream(
            StreamSettings.defaults().toBuilder().snapshotPageSize(PAGE_SIZE).build());
    private final Publishers publishers = new Publishers(stream, 3, 6_000, 10_000, EVENTS);

    @AfterEach
    void close() throws InterruptedException {
        publishers.stopAndJoin();
        stream.close();
    }

    private record Run(Filter filter, Client client, Subscribed subscribed) {}

    /** Takes a snapshot in a new session at each of a few random points of the stream. */
    private List<Run> client(int number, Filter filter) {
        Random random = new Random(number);
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < SNAPSHOTS_PER_CLIENT; i++) {
            long after = publishers.published() + random.nextInt(1_500);
            Await.until(() -> publishers.published() >= after || publishers.finished(), after + " events published");
            Client client = stream.connect();
            runs.add(new Run(
                    filter, client, client.subscribe(new SubscribeCommand("s" + number, filter, null, null, true))));
        }
        return runs;
    }

    @Test
    void eachSnapshotIsTheViewAsOfS_andWithTheEventsAfterSRebuildsTheViewAtTheEnd() throws Exception {
        List<Run> runs = publishers.runClients(FILTERS.size(), number -> client(number, FILTERS.get(number))).stream()
                .flatMap(List::stream)
                .toList();
        StreamOracle oracle = new StreamOracle(publishers.bySeq(), stream.clock.instant());

        for (Run run : runs) {
            run.client().barrier();
            List<ServerMessage> sent = run.client().stream();
            long s = run.subscribed().seq();
            assertThat(sent.get(0)).isEqualTo(run.subscribed());
            int pageCount =
                    (int) sent.stream().filter(Snapshot.class::isInstance).count();
            List<Snapshot> pages = sent.subList(1, 1 + pageCount).stream()
                    .map(Snapshot.class::cast)
                    .toList();
            List<EventMessage> events = sent.subList(1 + pageCount, sent.size()).stream()
                    .map(EventMessage.class::cast)
                    .toList();
            List<Incident> snapshot =
                    pages.stream().flatMap(page -> page.incidents().stream()).toList();

            assertThat(pages).extracting(Snapshot::seq).containsOnly(s);
            assertThat(pages).extracting(Snapshot::last).last().isEqualTo(true);
            assertThat(pages.subList(0, pages.size() - 1)).noneMatch(Snapshot::last);
            assertThat(pages).allSatisfy(page -> assertThat(page.incidents()).hasSizeLessThanOrEqualTo(PAGE_SIZE));
            assertThat(snapshot)
                    .as("snapshot of %s as of %d", run.filter(), s)
                    .containsExactlyInAnyOrderElementsOf(oracle.incidentsAsOf(s, run.filter()));
            assertThat(events.stream().map(m -> m.event().seq()).toList())
                    .as("the events after S that matched %s", run.filter())
                    .isEqualTo(oracle.matchingAfter(s, run.filter()));

            Map<UUID, Incident> replica = new HashMap<>();
            snapshot.forEach(incident -> replica.put(incident.id(), incident));
            events.forEach(m ->
                    StreamOracle.apply(replica, m.event().event(), m.event().publishedAt()));
            assertThat(StreamOracle.matching(replica, run.filter()))
                    .as("snapshot plus stream for %s", run.filter())
                    .containsExactlyInAnyOrderElementsOf(
                            stream.stream.incidents().incidents(run.filter()));
        }
    }
}
