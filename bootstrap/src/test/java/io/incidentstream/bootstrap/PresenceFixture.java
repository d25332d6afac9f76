package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server on a free port and real WebSocket clients, with the few steps every presence test
 * takes: create an incident, connect, subscribe, watch, read the watchers. A JUnit 5 extension on an
 * instance field ({@code @RegisterExtension}): a server of its own for each test, its clients closed
 * after it.
 */
final class PresenceFixture implements BeforeEachCallback, AfterEachCallback {

    static final String API_KEY = "publisher-key-for-presence-tests-01";

    /** The subscriber tokens of the presence tests with tokens verified: Alice alone has a name claim. */
    static final String ALICE =
            SubscriberTokens.hs256(SubscriberTokens.claims("alice").claim("name", "Alice"));

    static final String BOB = SubscriberTokens.hs256(SubscriberTokens.claims("bob"));
    static final String CAROL = SubscriberTokens.hs256(SubscriberTokens.claims("carol"));
    /** Scoped to the incidents whose source is {@code payments}. */
    static final String PAYMENTS_ONLY =
            SubscriberTokens.hs256(SubscriberTokens.scoped("payments-team", Map.of("sources", List.of("payments"))));

    private final RunningServer server;
    private final WebSocketClient ws = new WebSocketClient();
    private final List<TestClient> clients = new ArrayList<>();
    private final Map<TestClient, String> sessionIds = new java.util.concurrent.ConcurrentHashMap<>();

    /** With subscriber tokens verified (HS256) and reads protected. */
    static PresenceFixture authenticated(Map<String, String> extra) {
        Map<String, String> config =
                new HashMap<>(Map.of("jwt_hs256_secret", SubscriberTokens.SECRET, "protect_read_endpoints", "true"));
        config.putAll(extra);
        return new PresenceFixture(config);
    }

    /** Without authentication: names come from the clients themselves. */
    static PresenceFixture open(Map<String, String> extra) {
        return new PresenceFixture(extra);
    }

    private PresenceFixture(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(
                Map.of("api_keys", API_KEY, "heartbeat_interval_secs", "3600", "max_messages_per_sec", "10000"));
        config.putAll(extra);
        server = new RunningServer(config);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        server.beforeEach(context);
        ws.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        clients.forEach(TestClient::close);
        clients.clear();
        LifeCycle.stop(ws);
        server.afterEach(context);
    }

    /** The server's port. */
    int port() {
        return server.port();
    }

    /** Publishes a new incident and returns its id. */
    String incident(String source, String severity) throws Exception {
        String id = UUID.randomUUID().toString();
        String body = "{\"id\":\"" + id + "\",\"source\":\"" + source + "\",\"title\":\"presence test\","
                + "\"severity\":\"" + severity + "\",\"incident_type\":\"Application\"}";
        RawWire.Response response = RawWire.request(
                server.port(),
                "POST /api/v1/incidents",
                List.of("Authorization: Bearer " + API_KEY, "Content-Type: application/json"),
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return id;
    }

    /** A connected client (token may be null), past its {@code welcome}. */
    TestClient connect(String token) throws Exception {
        ClientUpgradeRequest request = new ClientUpgradeRequest(server.ws());
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        TestClient client = new TestClient();
        ws.connect(client, request).get(10, TimeUnit.SECONDS);
        clients.add(client);
        sessionIds.put(client, client.next("welcome").path("session_id").asText());
        return client;
    }

    /** The session id the client's {@code welcome} announced. */
    String sessionId(TestClient client) {
        return sessionIds.get(client);
    }

    /** Subscribes with {@code filters} (a JSON object) and waits for {@code subscribed}. */
    static void subscribe(TestClient client, String filters) throws Exception {
        client.send("{\"type\":\"subscribe\",\"subscription_id\":\"s\",\"filters\":" + filters + "}");
        client.next("subscribed");
    }

    /** Sends {@code watch} and returns the reply ({@code watching} or {@code error}). */
    static JsonNode watch(TestClient client, String incidentId) throws Exception {
        client.send("{\"type\":\"watch\",\"incident_id\":\"" + incidentId + "\"}");
        return reply(client);
    }

    static JsonNode unwatch(TestClient client, String incidentId) throws Exception {
        client.send("{\"type\":\"unwatch\",\"incident_id\":\"" + incidentId + "\"}");
        return reply(client);
    }

    /** The next {@code watching} or {@code error}. */
    static JsonNode reply(TestClient client) throws Exception {
        return client.nextMatching(
                m -> m.path("type").asText().equals("watching")
                        || m.path("type").asText().equals("error"),
                "a watching or error reply");
    }

    /** The next {@code presence} about the incident. */
    static JsonNode presence(TestClient client, String incidentId) throws Exception {
        return client.nextMatching(
                m -> m.path("type").asText().equals("presence")
                        && m.path("incident_id").asText().equals(incidentId),
                "presence about " + incidentId);
    }

    /** The next {@code presence} about the incident whose watchers are exactly {@code users}. */
    static JsonNode presenceWith(TestClient client, String incidentId, List<String> users) throws Exception {
        return client.nextMatching(
                m -> m.path("type").asText().equals("presence")
                        && m.path("incident_id").asText().equals(incidentId)
                        && users(m).equals(users),
                "presence about " + incidentId + " with watchers " + users);
    }

    /** Asserts that no presence message arrives within {@code wait}. */
    static void noPresence(TestClient client, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = client.poll(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (message != null) {
                assertThat(message.path("type").asText())
                        .as("no presence expected, got %s", message)
                        .isNotEqualTo("presence");
            }
        }
    }

    /** The {@code user} of every watcher, in order. */
    static List<String> users(JsonNode message) {
        List<String> users = new ArrayList<>();
        message.path("watchers").forEach(w -> users.add(w.path("user").asText()));
        return users;
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** {@code GET /api/v1/incidents/{id}/watchers} with {@code credential} (may be null). */
    RawWire.Response watchers(String credential, String incidentId) throws Exception {
        return RawWire.request(
                server.port(),
                "GET /api/v1/incidents/" + incidentId + "/watchers",
                credential == null ? List.of() : List.of("Authorization: Bearer " + credential),
                null);
    }

    /** Waits until the watchers API lists exactly {@code users}. */
    void awaitWatchers(String incidentId, List<String> users) throws Exception {
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        List<String> last = null;
        while (System.nanoTime() < deadline) {
            RawWire.Response response = watchers(API_KEY, incidentId);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            last = users(response.json());
            if (last.equals(users)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20); // polling an HTTP answer: nothing to wait on but time
        }
        throw new AssertionError("watchers of " + incidentId + " never became " + users + "; last " + last);
    }

    String metrics() throws Exception {
        return RawWire.request(server.port(), "GET /metrics", List.of("Authorization: Bearer " + API_KEY), null)
                .text();
    }
}
