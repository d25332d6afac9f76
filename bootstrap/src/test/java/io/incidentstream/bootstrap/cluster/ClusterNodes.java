package io.incidentstream.bootstrap.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentstream.adapters.redis.testing.RedisServer;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.bootstrap.IncidentStreamServer;
import io.incidentstream.bootstrap.ServerComponent;
import io.incidentstream.bootstrap.config.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Nodes of one cluster in this JVM, on a redis-server of their own, as a JUnit 5 extension: each
 * node a whole server (Dagger component, Jetty on a free port) with {@code engine=redis} on that
 * Redis and one key prefix. Registered on an instance field with {@code @RegisterExtension}, each
 * test gets a fresh Redis and its first nodes, started before the test class's own
 * {@code @BeforeEach} methods and stopped after its {@code @AfterEach} ones (so a node started
 * there, e.g. a {@link ChildNode}, can use them). Speaks to the nodes as clients do: HTTP for
 * publishing and reading, WebSocket for subscribing.
 */
final class ClusterNodes implements BeforeEachCallback, AfterEachCallback {

    static final ObjectMapper JSON = new ObjectMapper();

    private final int firstNodes;
    private final String prefix = "cluster-test-" + UUID.randomUUID();
    private final List<IncidentStreamServer> nodes = new ArrayList<>();
    /**
     * HTTP/1.1: the JDK client otherwise upgrades each plain GET to h2c, and in a full run a GET so
     * upgraded (the last of {@code AlertIntakeAcrossNodesTest}) got no answer until the server's
     * 30 s idle timeout closed the connection, past the request's own 20 s timeout (an earlier run
     * failed there the same way; its logs were lost). These tests are about the cluster; h2c is
     * tested in {@code Http2EndToEndTest}.
     */
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final WebSocketClient ws = new WebSocketClient();
    private Map<String, String> settings = Map.of();
    private boolean redisKeepsItsData;
    private RedisServer redis;

    /** {@code firstNodes} nodes (node-0, node-1, ...) with the defaults, on a Redis that keeps nothing on disk. */
    ClusterNodes(int firstNodes) {
        this.firstNodes = firstNodes;
    }

    /** Every node with {@code settings} over the defaults. */
    ClusterNodes with(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
        return this;
    }

    /** Redis writes an append-only file, so that {@code redis().restart()} keeps the stream. */
    ClusterNodes redisKeepingItsData() {
        redisKeepsItsData = true;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        redis = RedisServer.start(redisKeepsItsData);
        ws.start();
        for (int i = 0; i < firstNodes; i++) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            for (IncidentStreamServer node : nodes) {
                node.stop();
            }
            nodes.clear();
            LifeCycle.stop(ws);
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }

    /** This test's own redis-server: to stop, restart or read it directly. */
    RedisServer redis() {
        if (redis == null) {
            throw new IllegalStateException("Redis runs only while a test of its class does");
        }
        return redis;
    }

    /** Starts one more node, named node-0, node-1, ... */
    IncidentStreamServer start() throws Exception {
        Map<String, String> config = new HashMap<>(settings);
        config.put("port", "0");
        config.put("host", "127.0.0.1");
        config.put("engine", "redis");
        config.put("redis_url", redisUrl());
        config.put("redis_key_prefix", prefix);
        config.put("node_id", "node-" + nodes.size());
        IncidentStreamServer node = ServerComponent.create(ServerConfig.defaults(config), Clock.systemUTC())
                .start();
        nodes.add(node);
        return node;
    }

    /** Starts a node in a JVM of its own (to kill or pause it), on this cluster's Redis and key prefix. */
    ChildNode startChild(String nodeId) throws Exception {
        return ChildNode.start(redisUrl(), prefix, nodeId);
    }

    IncidentStreamServer node(int index) {
        return nodes.get(index);
    }

    int size() {
        return nodes.size();
    }

    TestClient connect(int node) throws Exception {
        return connectToPort(nodes.get(node).port());
    }

    TestClient connectToPort(int port) throws Exception {
        return TestClient.connect(ws, URI.create("ws://127.0.0.1:" + port + "/ws"));
    }

    String prefix() {
        return prefix;
    }

    String redisUrl() {
        return redis().url();
    }

    HttpResponse<String> post(int node, String path, String body) throws IOException, InterruptedException {
        return postToPort(nodes.get(node).port(), path, body);
    }

    HttpResponse<String> postToPort(int port, String path, String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The {@code error.code} of an error response's body. */
    static String errorCode(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body()).path("error").path("code").asText();
    }

    /** Posts and insists on 202; returns the body. */
    JsonNode publish(int node, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = post(node, path, body);
        if (response.statusCode() != 202) {
            throw new AssertionError("POST " + path + " on node " + node + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    /**
     * Publishes {@code count} system events, "{@code what} 0", "{@code what} 1", ..., in batches of
     * 400 (one POST each), the batches taking turns over nodes 0 to {@code overNodes - 1}.
     */
    void publishSystemEvents(int count, String what, int overNodes) throws IOException, InterruptedException {
        int batch = 400;
        for (int from = 0; from < count; from += batch) {
            StringBuilder body = new StringBuilder("[");
            for (int i = from; i < Math.min(count, from + batch); i++) {
                body.append(i == from ? "" : ",").append(EventBodies.system(what + " " + i));
            }
            publish(
                    (from / batch) % overNodes,
                    "/api/v1/events",
                    body.append(']').toString());
        }
    }

    HttpResponse<String> get(int node, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(node, path))
                        .timeout(Duration.ofSeconds(20))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(int node, String path) {
        return URI.create("http://127.0.0.1:" + nodes.get(node).port() + path);
    }

    /** Waits for {@code condition}, checking every 20 ms, failing after {@code timeout}. */
    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Stops one node the way an operator does (graceful shutdown). */
    void stop(int node) {
        nodes.get(node).stop();
    }
}
