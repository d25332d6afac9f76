package io.incidentstream.bootstrap.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * Nodes of one cluster in this JVM: each a whole server (Dagger component, Jetty on a free port)
 * with {@code engine=redis} on the same Redis and key prefix. Speaks to them as clients do: HTTP
 * for publishing and reading, WebSocket for subscribing.
 */
final class ClusterNodes implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String redisUrl;
    private final String prefix = "cluster-test-" + UUID.randomUUID();
    private final Map<String, String> extra;
    private final List<IncidentStreamServer> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final WebSocketClient ws = new WebSocketClient();

    ClusterNodes(String redisUrl, Map<String, String> extra) throws Exception {
        this.redisUrl = redisUrl;
        this.extra = extra;
        ws.start();
    }

    /** Starts one more node, named node-0, node-1, ... */
    IncidentStreamServer start() throws Exception {
        Map<String, String> config = new HashMap<>(extra);
        config.put("port", "0");
        config.put("host", "127.0.0.1");
        config.put("engine", "redis");
        config.put("redis_url", redisUrl);
        config.put("redis_key_prefix", prefix);
        config.put("node_id", "node-" + nodes.size());
        IncidentStreamServer node = ServerComponent.create(ServerConfig.defaults(config), Clock.systemUTC()).start();
        nodes.add(node);
        return node;
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
        return redisUrl;
    }

    HttpResponse<String> post(int node, String path, String body) throws IOException, InterruptedException {
        return postToPort(nodes.get(node).port(), path, body);
    }

    HttpResponse<String> postToPort(int port, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
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

    HttpResponse<String> get(int node, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(node, path)).timeout(Duration.ofSeconds(20)).GET().build(),
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

    @Override
    public void close() {
        for (IncidentStreamServer node : nodes) {
            node.stop();
        }
        LifeCycle.stop(ws);
    }
}
