package io.incidentstream.bootstrap;

import static io.incidentstream.bootstrap.PresenceFixture.ALICE;
import static io.incidentstream.bootstrap.PresenceFixture.BOB;
import static io.incidentstream.bootstrap.PresenceFixture.CAROL;
import static io.incidentstream.bootstrap.PresenceFixture.PAYMENTS_ONLY;
import static io.incidentstream.bootstrap.PresenceFixture.noPresence;
import static io.incidentstream.bootstrap.PresenceFixture.presenceWith;
import static io.incidentstream.bootstrap.PresenceFixture.strings;
import static io.incidentstream.bootstrap.PresenceFixture.subscribe;
import static io.incidentstream.bootstrap.PresenceFixture.users;
import static io.incidentstream.bootstrap.PresenceFixture.watch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Presence with verified subscriber tokens, on a real server with real WebSocket clients: who
 * watches is the token's subject (and name claim), presence goes exactly to the sessions whose
 * subscriptions match the incident, scopes hold, and closed sessions leave.
 */
@Timeout(60)
class PresenceEndToEndTest {

    @RegisterExtension
    final PresenceFixture fixture = PresenceFixture.authenticated(Map.of());

    @Test
    void twoUsers_seeEachOtherJoinAndLeave_andAThirdSubscribedElsewhereHearsNothing() throws Exception {
        String incident = fixture.incident("checkout", "P1");
        String elsewhere = fixture.incident("checkout", "P3");
        TestClient alice = fixture.connect(ALICE);
        TestClient bob = fixture.connect(BOB);
        TestClient carol = fixture.connect(CAROL);
        subscribe(alice, "{\"incident_ids\":[\"" + incident + "\"]}");
        subscribe(bob, "{\"severities\":[\"P0\",\"P1\"]}");
        subscribe(carol, "{\"incident_ids\":[\"" + elsewhere + "\"]}");

        JsonNode watching = watch(alice, incident);
        assertThat(watching.path("type").asText()).isEqualTo("watching");
        assertThat(watching.path("incident_id").asText()).isEqualTo(incident);
        assertThat(users(watching)).containsExactly("alice");
        assertThat(watching.path("watchers").get(0).path("name").asText()).isEqualTo("Alice");

        JsonNode aliceJoined = presenceWith(bob, incident, List.of("alice"));
        assertThat(strings(aliceJoined.path("joined"))).containsExactly("alice");
        assertThat(strings(aliceJoined.path("left"))).isEmpty();
        assertThat(aliceJoined.has("seq"))
                .as("presence is not an event of the stream")
                .isFalse();
        presenceWith(alice, incident, List.of("alice")); // the watcher's own session is told as well

        assertThat(users(watch(bob, incident))).containsExactly("alice", "bob");
        JsonNode bobJoined = presenceWith(alice, incident, List.of("alice", "bob"));
        assertThat(strings(bobJoined.path("joined"))).containsExactly("bob");
        JsonNode bobWatcher = bobJoined.path("watchers").get(1);
        assertThat(bobWatcher.path("name").isNull())
                .as("no name claim: name is null")
                .isTrue();
        assertThat(Instant.parse(bobWatcher.path("since").asText()))
                .isAfterOrEqualTo(Instant.parse(
                        bobJoined.path("watchers").get(0).path("since").asText()));
        presenceWith(bob, incident, List.of("alice", "bob"));

        bob.close();
        assertThat(bob.awaitClose()).isEqualTo(1000);
        JsonNode bobLeft = presenceWith(alice, incident, List.of("alice"));
        assertThat(strings(bobLeft.path("left"))).containsExactly("bob");
        assertThat(strings(bobLeft.path("joined"))).isEmpty();

        // Carol subscribes to another incident only: she heard of none of it.
        noPresence(carol, Duration.ofMillis(1500));
        assertThat(carol.poll(Duration.ZERO)).isNull();
    }

    @Test
    void aScopeLimitedToken_isForbiddenToWatch_andNeverSeesTheWatchers() throws Exception {
        String incident = fixture.incident("checkout", "P1");
        String payments = fixture.incident("payments", "P2");
        TestClient scoped = fixture.connect(PAYMENTS_ONLY);
        subscribe(scoped, "{}"); // everything its scope allows
        TestClient alice = fixture.connect(ALICE);
        subscribe(alice, "{}");

        JsonNode refused = watch(scoped, incident);
        assertThat(refused.path("type").asText()).isEqualTo("error");
        assertThat(refused.path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(refused.path("message").asText()).contains(incident);

        assertThat(users(watch(alice, incident))).containsExactly("alice");
        presenceWith(alice, incident, List.of("alice"));
        noPresence(scoped, Duration.ofMillis(1500));

        RawWire.Response outside = fixture.watchers(PAYMENTS_ONLY, incident);
        assertThat(outside.status()).isEqualTo(404);
        assertThat(outside.json().path("error").path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(outside.text()).doesNotContain("alice");
        RawWire.Response inside = fixture.watchers(ALICE, incident);
        assertThat(inside.status()).isEqualTo(200);
        assertThat(inside.json().path("incident_id").asText()).isEqualTo(incident);
        assertThat(users(inside.json())).containsExactly("alice");

        // Within its scope, the same token watches, and is seen by name of its subject.
        assertThat(users(watch(scoped, payments))).containsExactly("payments-team");
        presenceWith(scoped, payments, List.of("payments-team"));
        assertThat(fixture.watchers(PAYMENTS_ONLY, payments).status()).isEqualTo(200);
    }

    @Test
    void theWatchersApi_answers404ForUnknownIncidents_and400ForBadIds_and401WithoutCredentials() throws Exception {
        RawWire.Response unknown = fixture.watchers(ALICE, "9b2f6a52-3f0e-4c57-9d0c-3c1f9e0a1b2c");
        assertThat(unknown.status()).isEqualTo(404);
        RawWire.Response bad = fixture.watchers(ALICE, "not-a-uuid");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("the incident id must be a UUID");
        String incident = fixture.incident("checkout", "P1");
        assertThat(fixture.watchers(null, incident).status()).isEqualTo(401);
        RawWire.Response post = RawWire.request(
                fixture.port(),
                "POST /api/v1/incidents/" + incident + "/watchers",
                List.of("Authorization: Bearer " + ALICE, "Content-Type: application/json"),
                "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(post.status()).isEqualTo(405);
    }

    @Test
    void aUserWithTwoTabs_countsOnce_fromTheirFirstWatch() throws Exception {
        String incident = fixture.incident("checkout", "P1");
        TestClient observer = fixture.connect(BOB);
        subscribe(observer, "{\"incident_ids\":[\"" + incident + "\"]}");
        TestClient tab1 = fixture.connect(ALICE);
        TestClient tab2 = fixture.connect(ALICE);

        JsonNode first = watch(tab1, incident);
        String since = first.path("watchers").get(0).path("since").asText();
        // Milliseconds at most, as a node of a cluster sees another's watchers (Redis keeps milliseconds).
        assertThat(Instant.parse(since).getNano() % 1_000_000).as(since).isZero();
        presenceWith(observer, incident, List.of("alice"));
        JsonNode second = watch(tab2, incident);
        assertThat(users(second)).containsExactly("alice");
        assertThat(second.path("watchers").get(0).path("since").asText()).isEqualTo(since);
        // The second tab changes nothing anyone sees: no presence message for it.
        noPresence(observer, Duration.ofMillis(1500));

        tab1.close();
        tab1.awaitClose();
        fixture.awaitWatchers(incident, List.of("alice"));
        RawWire.Response stillThere = fixture.watchers(BOB, incident);
        assertThat(stillThere.json().path("watchers").get(0).path("since").asText())
                .as("since is now that of the remaining tab's watch")
                .isNotEmpty();
        tab2.close();
        tab2.awaitClose();
        JsonNode gone = presenceWith(observer, incident, List.of());
        assertThat(strings(gone.path("left"))).containsExactly("alice");
        String metrics = fixture.metrics();
        assertThat(metrics).contains("presence_watched_incidents 0.0").contains("presence_watchers 0.0");
        assertThat(metrics).containsPattern("presence_messages_sent_total [1-9]");
    }

    @Test
    void aDroppedTcpConnection_leavesTheList() throws Exception {
        String incident = fixture.incident("checkout", "P1");
        TestClient observer = fixture.connect(BOB);
        subscribe(observer, "{\"incident_ids\":[\"" + incident + "\"]}");
        try (RawWire.WebSocket raw =
                new RawWire.WebSocket(fixture.port(), "/ws", List.of("Authorization: Bearer " + ALICE))) {
            assertThat(raw.upgrade().status()).isEqualTo(101);
            raw.text(("{\"type\":\"watch\",\"incident_id\":\"" + incident + "\"}").getBytes(StandardCharsets.UTF_8));
            presenceWith(observer, incident, List.of("alice"));
            assertThat(fixture.metrics()).contains("presence_watched_incidents 1.0");
        } // the socket closes without a close frame: the TCP connection just ends
        JsonNode left = presenceWith(observer, incident, List.of());
        assertThat(strings(left.path("left"))).containsExactly("alice");
        fixture.awaitWatchers(incident, List.of());
    }
}
