package io.incidentstream.bootstrap;

import static io.incidentstream.bootstrap.PresenceFixture.presenceWith;
import static io.incidentstream.bootstrap.PresenceFixture.reply;
import static io.incidentstream.bootstrap.PresenceFixture.subscribe;
import static io.incidentstream.bootstrap.PresenceFixture.unwatch;
import static io.incidentstream.bootstrap.PresenceFixture.users;
import static io.incidentstream.bootstrap.PresenceFixture.watch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Presence without authentication: the client's own {@code name}, else one watcher per session;
 * the limit on watches; and every malformed {@code watch}/{@code unwatch} answered with a precise
 * error while the connection carries on.
 */
@Timeout(60)
class PresenceOpenServerTest {

    @RegisterExtension
    final PresenceFixture fixture = PresenceFixture.open(Map.of("max_watches_per_session", "2"));

    @Test
    void withoutAuthentication_theGivenNameIdentifies_elseEachSessionIsItsOwnWatcher() throws Exception {
        String incident = fixture.incident("checkout", "P2");
        TestClient named = fixture.connect(null);
        TestClient nameless = fixture.connect(null);
        subscribe(named, "{}");
        named.send("{\"type\":\"watch\",\"incident_id\":\"" + incident + "\",\"name\":\"Dana (on call)\"}");
        JsonNode watching = reply(named);
        assertThat(users(watching)).containsExactly("Dana (on call)");
        assertThat(watching.path("watchers").get(0).path("name").asText()).isEqualTo("Dana (on call)");

        String anonymous = "anonymous:" + fixture.sessionId(nameless);
        assertThat(users(watch(nameless, incident))).containsExactly("Dana (on call)", anonymous);
        JsonNode both = presenceWith(named, incident, List.of("Dana (on call)", anonymous));
        assertThat(both.path("watchers").get(1).path("name").isNull()).isTrue();

        JsonNode api = fixture.watchers(null, incident).json();
        assertThat(users(api)).containsExactly("Dana (on call)", anonymous);
    }

    @Test
    void unwatch_isIdempotent_andEndsOnlyThatWatch() throws Exception {
        String incident = fixture.incident("checkout", "P2");
        TestClient client = fixture.connect(null);
        String me = "anonymous:" + fixture.sessionId(client);
        assertThat(users(watch(client, incident))).containsExactly(me);
        JsonNode first = unwatch(client, incident);
        assertThat(first.path("type").asText()).isEqualTo("watching");
        assertThat(users(first)).isEmpty();
        JsonNode again = unwatch(client, incident);
        assertThat(again.path("type").asText()).isEqualTo("watching");
        assertThat(again.path("incident_id").asText()).isEqualTo(incident);
        assertThat(users(again)).isEmpty();
        fixture.awaitWatchers(incident, List.of());
    }

    @Test
    void beyondMaxWatchesPerSession_SUBSCRIPTION_LIMIT_andRewatchingOneStillWorks() throws Exception {
        String a = fixture.incident("checkout", "P2");
        String b = fixture.incident("checkout", "P2");
        String c = fixture.incident("checkout", "P2");
        TestClient client = fixture.connect(null);
        assertThat(watch(client, a).path("type").asText()).isEqualTo("watching");
        assertThat(watch(client, b).path("type").asText()).isEqualTo("watching");
        JsonNode refused = watch(client, c);
        assertThat(refused.path("code").asText()).isEqualTo("SUBSCRIPTION_LIMIT");
        assertThat(refused.path("message").asText()).isEqualTo("a session may watch at most 2 incidents at once");
        assertThat(watch(client, a).path("type").asText())
                .as("watching one already watched is no new watch")
                .isEqualTo("watching");
        unwatch(client, b);
        assertThat(watch(client, c).path("type").asText()).isEqualTo("watching");
    }

    @Test
    void badWatchMessages_getPreciseErrors_andTheConnectionCarriesOn() throws Exception {
        TestClient client = fixture.connect(null);
        String unknown = UUID.randomUUID().toString();
        assertError(client, "{\"type\":\"watch\"}", "INVALID_MESSAGE", "incident_id");
        assertError(client, "{\"type\":\"watch\",\"incident_id\":\"nope\"}", "INVALID_MESSAGE", "incident_id");
        assertError(client, "{\"type\":\"watch\",\"incident_id\":42}", "INVALID_MESSAGE", "incident_id");
        assertError(client, "{\"type\":\"unwatch\"}", "INVALID_MESSAGE", "incident_id");
        assertError(
                client, "{\"type\":\"unwatch\",\"incident_id\":\"12345678-1234\"}", "INVALID_MESSAGE", "incident_id");
        assertError(
                client,
                "{\"type\":\"watch\",\"incident_id\":\"" + unknown + "\",\"name\":7}",
                "INVALID_MESSAGE",
                "name");
        assertError(
                client,
                "{\"type\":\"watch\",\"incident_id\":\"" + unknown + "\",\"name\":\"   \"}",
                "INVALID_MESSAGE",
                "name must be 1 to 128 characters long and not blank");
        assertError(
                client,
                "{\"type\":\"watch\",\"incident_id\":\"" + unknown + "\",\"name\":\"" + "x".repeat(129) + "\"}",
                "INVALID_MESSAGE",
                "name must be 1 to 128 characters long");
        assertError(
                client,
                "{\"type\":\"watch\",\"incident_id\":\"" + unknown + "\",\"name\":\"\\ud800\"}",
                "INVALID_MESSAGE",
                "unpaired surrogate");
        assertError(
                client,
                "{\"type\":\"watch\",\"incident_id\":\"" + unknown + "\"}",
                "NOT_FOUND",
                "no incident with id " + unknown);
        assertError(
                client,
                "{\"type\":\"whatch\",\"incident_id\":\"" + unknown + "\"}",
                "INVALID_MESSAGE",
                "watch or unwatch");

        client.send("{\"type\":\"ping\",\"timestamp\":\"still-here\"}");
        assertThat(client.next("pong").path("timestamp").asText()).isEqualTo("still-here");
        String incident = fixture.incident("checkout", "P2");
        assertThat(watch(client, incident).path("type").asText()).isEqualTo("watching");
        assertThat(client.isOpen()).isTrue();
    }

    private static void assertError(TestClient client, String message, String code, String mentions) throws Exception {
        client.send(message);
        JsonNode error = client.next("error");
        assertThat(error.path("code").asText()).as(message).isEqualTo(code);
        assertThat(error.path("message").asText()).as(message).contains(mentions);
    }
}
