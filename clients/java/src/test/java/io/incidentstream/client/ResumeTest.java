package io.incidentstream.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Resume from saved positions, the snapshot after a server restart (a new epoch), and healed gaps. */
@Timeout(90)
class ResumeTest {

    @Test
    @SuppressWarnings("try") // the second client is open only for what it delivers to its recorder: never named
    void aRestartedClientResumesFromItsSavedPositionWithoutLossOrDuplicate() {
        try (TestServer server = TestServer.start(Map.of())) {
            UUID incident = UUID.randomUUID();
            Publisher publisher = new Publisher(server.http(), null);
            Subscription subscription = Subscription.of("mine", Filters.incidents(incident));
            Recorder first = new Recorder();
            Map<String, Position> saved;
            try (IncidentStreamClient client = PublisherTest.client(server, first, subscription)) {
                Recorder.await(() -> client.positions().get("mine") != null, Duration.ofSeconds(10), "subscribed");
                List<Long> before = publish(publisher, incident, 10);
                Recorder.await(() -> first.events.size() == 10, Duration.ofSeconds(10), "the first ten");
                assertThat(first.seqs()).isEqualTo(before);
                saved = client.positions();
            }
            assertThat(saved.get("mine").seq()).isEqualTo(first.seqs().get(9));

            List<Long> missed = publish(publisher, incident, 10);
            publish(publisher, UUID.randomUUID(), 5); // not for this subscription
            Recorder second = new Recorder();
            try (IncidentStreamClient client = PublisherTest.client(
                    server, second, subscription.withSnapshot().resumingFrom(saved.get("mine")))) {
                Recorder.await(() -> second.events.size() == 10, Duration.ofSeconds(10), "the replay");
                List<Long> live = publish(publisher, incident, 5);
                Recorder.await(() -> second.events.size() == 15, Duration.ofSeconds(10), "the live events");
                List<Long> expected = new ArrayList<>(missed);
                expected.addAll(live);
                assertThat(second.seqs()).isEqualTo(expected);
                assertThat(second.snapshots)
                        .as("no snapshot when the replay recovered everything")
                        .isEmpty();
            }
        }
    }

    /**
     * Sent again on every reconnect it would be refused again: reported, and forgotten, with the
     * subscription it was to replace.
     */
    @Test
    void aSubscribeTheServerCannotReadIsReportedAndForgotten() {
        try (TestServer server = TestServer.start(Map.of())) {
            Recorder recorder = new Recorder();
            Filters unreadable = Filters.all().withEventTypes(List.of("no_such_event"));
            try (IncidentStreamClient client =
                    PublisherTest.client(server, recorder, Subscription.of("ok", Filters.severities(Severity.P0)))) {
                Recorder.await(() -> client.positions().get("ok") != null, Duration.ofSeconds(10), "subscribed");
                client.subscribe(Subscription.of("bad", unreadable));
                Recorder.await(() -> !recorder.errors.isEmpty(), Duration.ofSeconds(10), "the refusal");
                assertThat(recorder.errors.get(0).code()).isEqualTo("INVALID_MESSAGE");
                assertThat(recorder.errors.get(0).subscriptionId()).isEqualTo("bad");
                assertThat(client.positions()).containsOnlyKeys("ok");

                client.subscribe(Subscription.of("ok", unreadable));
                Recorder.await(() -> recorder.errors.size() == 2, Duration.ofSeconds(10), "the second refusal");
                assertThat(client.positions()).isEmpty();
                Publisher publisher = new Publisher(server.http(), null);
                publisher.createIncident(Incident.of(Severity.P0, "test", "for no one"));
                client.subscribe(Subscription.of("marker", Filters.severities(Severity.P1)));
                Recorder.await(() -> client.positions().get("marker") != null, Duration.ofSeconds(10), "the marker");
                publisher.createIncident(Incident.of(Severity.P1, "test", "marker"));
                Recorder.await(() -> !recorder.events.isEmpty(), Duration.ofSeconds(10), "the marker event");
                assertThat(recorder.events)
                        .as("the old 'ok' was unsubscribed")
                        .extracting(EventFrame::subscriptionIds)
                        .containsExactly(List.of("marker"));
                assertThat(recorder.errors).as("and no NOT_FOUND came back").hasSize(2);

                // A good subscribe sent right after a bad one of the same id: kept, its reply applied.
                client.subscribe(Subscription.of("marker", unreadable));
                client.subscribe(Subscription.of("marker", Filters.severities(Severity.P2)));
                Recorder.await(() -> recorder.errors.size() == 3, Duration.ofSeconds(10), "the third refusal");
                publisher.createIncident(Incident.of(Severity.P2, "test", "for the good one"));
                Recorder.await(() -> recorder.events.size() == 2, Duration.ofSeconds(10), "its event");
                assertThat(recorder.events.get(1).subscriptionIds()).containsExactly("marker");
                assertThat(client.positions()).containsOnlyKeys("marker");
            }
        }
    }

    @Test
    void aNewEpochAfterAServerRestartBringsASnapshotAndTheClientCarriesOn() {
        AtomicReference<URI> url = new AtomicReference<>();
        Recorder recorder = new Recorder();
        TestServer first = TestServer.start(Map.of());
        url.set(first.ws());
        try (IncidentStreamClient client = IncidentStreamClient.builder(url::get)
                .listener(recorder)
                .backoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(2)))
                .subscribe(Subscription.of("urgent", Filters.severities(Severity.P0, Severity.P1))
                        .withSnapshot())
                .build()) {
            client.start();
            Recorder.await(() -> !recorder.snapshots.isEmpty(), Duration.ofSeconds(10), "the first snapshot");
            new Publisher(first.http(), null)
                    .createIncident(Incident.of(Severity.P1, "prometheus", "before the restart"));
            Recorder.await(() -> recorder.events.size() == 1, Duration.ofSeconds(10), "the first event");
            String firstEpoch = recorder.events.get(0).epoch();

            first.close(); // closing 1001 with retry_after_ms, then the close frame
            Recorder.await(
                    () -> recorder.reconnectsByCode.containsKey(1001),
                    Duration.ofSeconds(10),
                    "a reconnect after 1001");
            Status reconnecting = recorder.statuses.stream()
                    .filter(s -> s.state() == Status.State.RECONNECTING)
                    .findFirst()
                    .orElseThrow();
            assertThat(reconnecting.closing()).isNotNull();
            assertThat(reconnecting.delayMs())
                    .isGreaterThanOrEqualTo(reconnecting.closing().retryAfterMs());

            try (TestServer second = TestServer.start(Map.of())) {
                Incident waiting = new Publisher(second.http(), null)
                        .createIncident(Incident.of(Severity.P0, "prometheus", "on the new server"));
                url.set(second.ws());
                // The saved position is of the old epoch: not recovered, so a snapshot of the new server's incidents.
                Recorder.await(
                        () -> recorder.snapshots.stream()
                                .anyMatch(p -> p.incidents().stream().anyMatch(i -> i.id().equals(waiting.id()))),
                        Duration.ofSeconds(30),
                        "the snapshot of the new server");
                new Publisher(second.http(), null).createIncident(Incident.of(Severity.P1, "prometheus", "after"));
                Recorder.await(
                        () -> recorder.events.size() == 2, Duration.ofSeconds(10), "a live event of the new server");
                assertThat(recorder.events.get(1).epoch()).isNotEqualTo(firstEpoch);
                assertThat(client.positions().get("urgent").epoch())
                        .isEqualTo(recorder.events.get(1).epoch());
            }
        }
    }

    @Test
    void gapsFromAStalledReaderAreHealedByResuming() {
        // A queue of 8 events per session: a reader that stops for a while has events dropped for it.
        try (TestServer server = TestServer.start(Map.of("max_pending_messages", "8", "write_timeout_ms", "60000"))) {
            Recorder recorder = new Recorder();
            try (IncidentStreamClient client =
                    PublisherTest.client(server, recorder, Subscription.of("all", Filters.all()))) {
                Recorder.await(() -> client.positions().get("all") != null, Duration.ofSeconds(10), "subscribed");
                Publisher publisher = new Publisher(server.http(), null);
                List<Long> published = new ArrayList<>();
                String padding = "x".repeat(4000);
                for (int attempt = 0; attempt < 3 && recorder.gaps.isEmpty(); attempt++) {
                    // Stop reading, publish about 10 MB (more than TCP buffers hold), then read again.
                    Connection connection = client.connection();
                    connection.pause();
                    for (int round = 0; round < 25; round++) {
                        List<Event> batch = new ArrayList<>();
                        for (int i = 0; i < 100; i++) {
                            batch.add(new Event.SystemEvent("load", padding, Map.of()));
                        }
                        published.addAll(publisher.publish(batch, Priority.LOW).seqs());
                    }
                    connection.resume();
                    Recorder.await(
                            () -> !recorder.gaps.isEmpty() || recorder.events.size() >= published.size(),
                            Duration.ofSeconds(30),
                            "a gap, or every event");
                }
                assertThat(recorder.gaps).as("gaps").isNotEmpty();
                Recorder.await(() -> recorder.events.size() >= published.size(), Duration.ofSeconds(30), "every event");
                List<Long> seqs = recorder.seqs();
                assertThat(seqs)
                        .isEqualTo(LongStream.rangeClosed(1, published.size())
                                .boxed()
                                .toList());
            }
        }
    }

    private static List<Long> publish(Publisher publisher, UUID incident, int count) {
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(new Event.CommentAdded(incident, "test", "c" + i, null));
        }
        return publisher.publish(batch, null).seqs();
    }
}
