package io.incidentstream.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The publisher methods and the typed events against the real server: every one of the 14 event
 * records published by {@link Publisher} comes back through {@link IncidentStreamClient} equal to
 * what was sent (one JSON spelling both ways), filters select, and refusals are typed errors.
 */
@Timeout(60)
class PublisherTest {

    @Test
    void everyEventTypeRoundTripsThroughTheServerUnchanged() {
        try (TestServer server = TestServer.start(Map.of())) {
            Recorder all = new Recorder();
            Recorder urgent = new Recorder();
            try (IncidentStreamClient everything = client(server, all, Subscription.of("all", Filters.all()));
                    IncidentStreamClient p0 =
                            client(server, urgent, Subscription.of("p0", Filters.severities(Severity.P0)))) {
                Recorder.await(
                        () -> everything.positions().get("all") != null
                                && p0.positions().get("p0") != null,
                        Duration.ofSeconds(10),
                        "both subscribed");
                Publisher publisher = new Publisher(server.http(), null);

                Incident stored =
                        publisher.createIncident(Incident.of(Severity.P1, "prometheus", "Checkout latency above SLO")
                                .withLabels(Map.of("team", "payments")));
                assertThat(stored.id()).isNotNull();
                assertThat(stored.state()).isEqualTo(IncidentState.DETECTED);
                assertThat(stored.incidentType()).isEqualTo(IncidentType.UNKNOWN);
                Alert alert = publisher.publishAlert(Alert.of(Severity.P2, "grafana", "Disk 85% on db-primary"));
                assertThat(alert.deduplicated()).isFalse();

                UUID id = stored.id();
                UUID playbook = UUID.randomUUID();
                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                Incident investigating = stored.withState(IncidentState.INVESTIGATING);
                List<Event> sent = List.of(
                        new Event.IncidentUpdated(investigating, IncidentState.DETECTED),
                        new Event.AlertConverted(alert, id),
                        new Event.Escalated(id, Severity.P1, Severity.P0, "customers affected"),
                        new Event.PlaybookStarted(id, playbook, "restart checkout"),
                        new Event.PlaybookActionExecuted(id, playbook, "drain node", true, "drained"),
                        new Event.PlaybookCompleted(id, playbook, true, 1),
                        new Event.NotificationSent(id, "slack", true),
                        new Event.AssignmentChanged(id, List.of("alice", "bob")),
                        new Event.CommentAdded(id, "alice", "rolling back 4.2.1", now),
                        new Event.SystemEvent("maintenance", "index rebuild finished", Map.of("node", "db-2")),
                        new Event.IncidentResolved(investigating.withState(IncidentState.RESOLVED)),
                        new Event.IncidentClosed(investigating.withState(IncidentState.CLOSED)));
                PublishReceipt receipt = publisher.publish(sent, null);
                assertThat(receipt.accepted()).isEqualTo(sent.size());
                assertThat(receipt.seqs()).hasSize(sent.size());

                Recorder.await(() -> all.events.size() >= 2 + sent.size(), Duration.ofSeconds(10), "every event");
                assertThat(all.events.get(0).event()).isEqualTo(new Event.IncidentCreated(stored));
                assertThat(all.events.get(1).event()).isEqualTo(new Event.AlertReceived(alert));
                assertThat(all.events.subList(2, all.events.size()).stream()
                                .map(EventFrame::event)
                                .toList())
                        .containsExactlyElementsOf(sent);
                assertThat(all.events.stream().map(e -> e.event().getClass()).distinct())
                        .hasSize(14);
                assertThat(all.events.subList(2, all.events.size()).stream()
                                .map(EventFrame::seq)
                                .toList())
                        .isEqualTo(receipt.seqs());
                assertThat(all.events.get(2).messageId())
                        .isEqualTo(receipt.messageIds().get(0));

                // The P0 subscriber sees the escalation to P0 and what follows while the incident is P0: the
                // resolution (P0 before it) but not the close (the resolved incident sent is P1 before and after).
                Recorder.await(
                        () -> urgent.events.stream().anyMatch(e -> e.event() instanceof Event.IncidentResolved),
                        Duration.ofSeconds(10),
                        "the P0 subscriber's events");
                assertThat(urgent.events.get(0).event()).isInstanceOf(Event.Escalated.class);
                assertThat(urgent.events)
                        .noneMatch(e -> e.event() instanceof Event.SystemEvent
                                || e.event() instanceof Event.IncidentCreated
                                || e.event() instanceof Event.IncidentClosed);

                assertThat(publisher.incident(id))
                        .hasValueSatisfying(i -> assertThat(i.state()).isEqualTo(IncidentState.CLOSED));
                assertThat(publisher.incidents(Map.of("label", List.of("team:payments"))))
                        .extracting(Incident::id)
                        .containsExactly(id);
                assertThat(publisher.stats().path("last_seq").asLong()).isEqualTo(14);
            }
        }
    }

    @Test
    void refusalsAreTypedErrors() {
        try (TestServer server = TestServer.start(Map.of("api_keys", "a-publisher-key-of-some-length"))) {
            Publisher keyed = new Publisher(server.http(), "a-publisher-key-of-some-length");
            assertThatThrownBy(() -> keyed.createIncident(new Incident(
                            null,
                            null,
                            null,
                            null,
                            Severity.P1,
                            null,
                            "prometheus",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null)))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.code()).isEqualTo("INVALID_INCIDENT");
                        assertThat(e.field()).isEqualTo("title");
                        assertThat(e.getMessage()).contains("missing required field 'title'");
                    });
            assertThat(keyed.incident(UUID.randomUUID())).isEmpty();
            assertThatThrownBy(
                            () -> new Publisher(server.http(), null).publish(new Event.SystemEvent("a", "b", Map.of())))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.code()).isEqualTo("UNAUTHENTICATED");
                    });
            assertThatThrownBy(() -> new Publisher(server.http(), "not-a-real-key-at-all")
                            .publish(new Event.SystemEvent("a", "b", Map.of())))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.code()).isEqualTo("FORBIDDEN");
                        assertThat(e.retryable()).isFalse();
                    });
            assertThat(keyed.publish(List.of(new Event.SystemEvent("a", "b", Map.of())), Priority.CRITICAL)
                            .accepted())
                    .isEqualTo(1);
        }
    }

    static IncidentStreamClient client(TestServer server, Listener listener, Subscription... subscriptions) {
        IncidentStreamClient.Builder builder = IncidentStreamClient.builder(server.ws())
                .listener(listener)
                .backoff(new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(2)));
        for (Subscription s : subscriptions) {
            builder.subscribe(s);
        }
        IncidentStreamClient client = builder.build();
        client.start();
        return client;
    }
}
