package io.incidentstream.bootstrap;

import static io.incidentstream.bootstrap.PresenceFixture.ALICE;
import static io.incidentstream.bootstrap.PresenceFixture.BOB;
import static io.incidentstream.bootstrap.PresenceFixture.CAROL;
import static io.incidentstream.bootstrap.PresenceFixture.PAYMENTS_ONLY;
import static io.incidentstream.bootstrap.PresenceFixture.noPresence;
import static io.incidentstream.bootstrap.PresenceFixture.presenceWith;
import static io.incidentstream.bootstrap.PresenceFixture.strings;
import static io.incidentstream.bootstrap.PresenceFixture.subscribe;
import static io.incidentstream.bootstrap.PresenceFixture.unwatch;
import static io.incidentstream.bootstrap.PresenceFixture.users;
import static io.incidentstream.bootstrap.PresenceFixture.watch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.redis.testing.RedisServer;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.bootstrap.config.ServerConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Presence across the nodes of a cluster (engine=redis, a real redis-server, real servers on free
 * ports, real WebSocket clients): watchers on one node are seen on the other, scopes hold across
 * nodes, a node killed with SIGKILL takes its watchers with it within 2 * heartbeat_interval_secs,
 * and presence comes back after Redis restarts without its data.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PresenceClusterTest {

    private static final int HEARTBEAT_SECS = 2;
    private static final String API_KEY = PresenceFixture.API_KEY;

    private RedisServer redis;
    private final String prefix = "presence-cluster-" + UUID.randomUUID();
    private final List<IncidentStreamServer> nodes = new ArrayList<>();
    private final List<TestClient> clients = new ArrayList<>();
    private final WebSocketClient ws = new WebSocketClient();
    private Process child;
    private Path childLog;

    @BeforeEach
    void start() throws Exception {
        // With its data: a Redis restart must not reset the stream (that would close every session).
        redis = RedisServer.start(true);
        ws.start();
        nodes.add(node("node-a"));
        nodes.add(node("node-b"));
    }

    @AfterEach
    void stop() throws Exception {
        clients.forEach(TestClient::close);
        ws.stop();
        nodes.forEach(IncidentStreamServer::stop);
        if (child != null) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(childLog);
        }
        redis.close();
    }

    private Map<String, String> settings(String nodeId) {
        Map<String, String> config = new HashMap<>(Map.of(
                "host",
                "127.0.0.1",
                "api_keys",
                API_KEY,
                "jwt_hs256_secret",
                SubscriberTokens.SECRET,
                "protect_read_endpoints",
                "true",
                "heartbeat_interval_secs",
                Integer.toString(HEARTBEAT_SECS),
                "session_timeout_secs",
                "600",
                "engine",
                "redis",
                "redis_url",
                redis.url(),
                "redis_key_prefix",
                prefix,
                "node_id",
                nodeId));
        config.put("max_messages_per_sec", "10000");
        return config;
    }

    private IncidentStreamServer node(String nodeId) throws Exception {
        Map<String, String> config = settings(nodeId);
        config.put("port", "0");
        return ServerComponent.create(ServerConfig.defaults(config), Clock.systemUTC())
                .start();
    }

    @Test
    void twoUsersOnTwoNodesSeeEachOtherJoinAndLeave_andAnUnsubscribedSessionHearsNothing() throws Exception {
        String incident = incident("checkout");
        TestClient alice = connect(0, ALICE);
        TestClient bob = connect(1, BOB);
        TestClient carol = connect(1, CAROL);
        subscribe(alice, "{}");
        subscribe(bob, "{\"incident_ids\":[\"" + incident + "\"]}");
        subscribe(carol, "{\"sources\":[\"elsewhere\"]}");
        awaitKnown(1, incident);

        assertThat(users(watch(alice, incident))).containsExactly("alice");
        // Bob, on the other node, hears of Alice through Redis.
        presenceWith(bob, incident, List.of("alice"));
        JsonNode both = watch(bob, incident);
        assertThat(users(both)).containsExactlyInAnyOrder("alice", "bob");
        JsonNode joined = presenceWith(alice, incident, List.of("alice", "bob"));
        assertThat(strings(joined.path("joined"))).contains("bob");
        assertThat(joined.path("watchers").get(0).path("name").asText()).isEqualTo("Alice");
        awaitWatchers(0, incident, List.of("alice", "bob"));
        awaitWatchers(1, incident, List.of("alice", "bob"));

        unwatch(alice, incident);
        JsonNode left = presenceWith(bob, incident, List.of("bob"));
        assertThat(strings(left.path("left"))).containsExactly("alice");
        awaitWatchers(1, incident, List.of("bob"));

        // Carol's subscription does not match the incident: nothing about it, on either node's doing.
        noPresence(carol, Duration.ofMillis(1500));
    }

    @Test
    void aScopeLimitedTokenOnAnotherNodeNeverSeesOutOfScopeWatchers() throws Exception {
        String checkout = incident("checkout");
        String payments = incident("payments");
        TestClient alice = connect(0, ALICE);
        TestClient scoped = connect(1, PAYMENTS_ONLY);
        subscribe(scoped, "{}");
        awaitKnown(1, checkout);
        awaitKnown(1, payments);

        watch(alice, checkout);
        watch(alice, payments);
        // Only the payments incident's presence reaches the scoped session.
        presenceWith(scoped, payments, List.of("alice"));
        JsonNode refused = watch(scoped, checkout);
        assertThat(refused.path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(get(1, "/api/v1/incidents/" + checkout + "/watchers", PAYMENTS_ONLY)
                        .status())
                .isEqualTo(404);
        awaitWatchers(1, checkout, List.of("alice"));
        // And nothing about checkout arrives while Alice's watch of it changes.
        unwatch(alice, checkout);
        watch(alice, checkout);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2500);
        while (System.nanoTime() < deadline) {
            JsonNode message = scoped.poll(Duration.ofMillis(100));
            if (message != null) {
                assertThat(message.path("incident_id").asText())
                        .as("%s", message)
                        .isNotEqualTo(checkout);
            }
        }
    }

    @Test
    void aKilledNodesWatchersDisappearEverywhereWithinTwoHeartbeats() throws Exception {
        int childPort = startChild("node-doomed");
        String incident = incident("checkout");
        awaitKnown(1, incident);
        TestClient bob = connect(1, BOB);
        subscribe(bob, "{}");
        TestClient doomedAlice = connectTo(childPort, ALICE);
        watch(doomedAlice, incident);
        presenceWith(bob, incident, List.of("alice"));
        watch(bob, incident);
        presenceWith(bob, incident, List.of("alice", "bob"));

        long killed = System.nanoTime();
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        JsonNode gone = presenceWith(bob, incident, List.of("bob"));
        Duration took = Duration.ofNanos(System.nanoTime() - killed);

        assertThat(strings(gone.path("left"))).containsExactly("alice");
        assertThat(took)
                .as("watchers of a killed node gone after %s", took)
                .isLessThanOrEqualTo(Duration.ofSeconds(2L * HEARTBEAT_SECS));
        awaitWatchers(0, incident, List.of("bob"));
    }

    @Test
    void presenceComesBackAfterRedisRestarts() throws Exception {
        String incident = incident("checkout");
        awaitKnown(1, incident);
        TestClient alice = connect(0, ALICE);
        TestClient bob = connect(1, BOB);
        subscribe(bob, "{}");
        watch(alice, incident);
        presenceWith(bob, incident, List.of("alice"));

        redis.stop();
        // Without Redis, after one TTL node B shows its own watchers only, and says so.
        presenceWith(bob, incident, List.of());
        assertThat(get(1, "/api/v1/incidents/" + incident + "/watchers", API_KEY)
                        .status())
                .isEqualTo(200);

        redis.restart();
        JsonNode back = presenceWith(bob, incident, List.of("alice"));
        assertThat(strings(back.path("joined"))).containsExactly("alice");
        awaitWatchers(1, incident, List.of("alice"));
    }

    private int startChild(String nodeId) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.incidentstream.bootstrap.Main",
                "--port",
                Integer.toString(port)));
        settings(nodeId).forEach((key, value) -> {
            command.add("--" + key.replace('_', '-'));
            command.add(value);
        });
        childLog = Files.createTempFile("incident-stream-" + nodeId, ".log");
        child = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(childLog.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive())
                    .as("child node exited: %s", Files.readString(childLog))
                    .isTrue();
            try {
                if (RawWire.request(port, "GET /health/ready", List.of(), null).status() == 200) {
                    return port;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling a starting process: nothing to wait on but time
        }
        throw new AssertionError("child node not ready within 60 s: " + Files.readString(childLog));
    }

    private String incident(String source) throws Exception {
        String id = UUID.randomUUID().toString();
        String body = "{\"id\":\"" + id + "\",\"source\":\"" + source + "\",\"title\":\"presence in a cluster\","
                + "\"severity\":\"P2\",\"incident_type\":\"Application\"}";
        RawWire.Response response = RawWire.request(
                nodes.get(0).port(),
                "POST /api/v1/incidents",
                List.of("Authorization: Bearer " + API_KEY, "Content-Type: application/json"),
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return id;
    }

    private TestClient connect(int node, String token) throws Exception {
        return connectTo(nodes.get(node).port(), token);
    }

    private TestClient connectTo(int port, String token) throws Exception {
        ClientUpgradeRequest request = new ClientUpgradeRequest(URI.create("ws://127.0.0.1:" + port + "/ws"));
        request.setHeader("Authorization", "Bearer " + token);
        TestClient client = new TestClient();
        ws.connect(client, request).get(10, TimeUnit.SECONDS);
        clients.add(client);
        client.next("welcome");
        return client;
    }

    private RawWire.Response get(int node, String path, String credential) throws Exception {
        return RawWire.request(
                nodes.get(node).port(), "GET " + path, List.of("Authorization: Bearer " + credential), null);
    }

    /** The node has read the incident from the stream. */
    private void awaitKnown(int node, String incident) throws Exception {
        awaitStatus(node, "/api/v1/incidents/" + incident + "/watchers", 200);
    }

    private void awaitStatus(int node, String path, int status) throws Exception {
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        while (get(node, path, API_KEY).status() != status) {
            assertThat(System.nanoTime())
                    .as("%s on node %d never answered %d", path, node, status)
                    .isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(20); // polling an HTTP answer: nothing to wait on but time
        }
    }

    private void awaitWatchers(int node, String incident, List<String> expected) throws Exception {
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        List<String> last = null;
        while (System.nanoTime() < deadline) {
            RawWire.Response response = get(node, "/api/v1/incidents/" + incident + "/watchers", API_KEY);
            last = users(response.json());
            if (last.stream()
                    .sorted()
                    .toList()
                    .equals(expected.stream().sorted().toList())) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20); // polling an HTTP answer: nothing to wait on but time
        }
        throw new AssertionError(
                "watchers of " + incident + " on node " + node + " never became " + expected + "; last " + last);
    }
}
