package io.incidentstream.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus Alertmanager (Debian package {@code prometheus-alertmanager}) in a temporary
 * directory, on a free port, clustering off, whose one receiver sends its webhooks to the
 * incident-stream server under test (or to each node of a cluster under test, as HA receivers do).
 * Started and stopped by the test, by its own process handle.
 */
public final class AlertmanagerProcess implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Path directory;
    private final Process process;
    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AlertmanagerProcess(Path directory, Process process, int port) {
        this.directory = directory;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts Alertmanager with a webhook receiver at {@code webhookUrl} that authenticates with
     * {@code apiKey} ({@code http_config.authorization}), grouping by {@code alertname} and flushing
     * groups after one second, and waits until it answers {@code /-/ready}.
     */
    static AlertmanagerProcess start(String webhookUrl, String apiKey) throws Exception {
        return start(List.of(webhookUrl), apiKey);
    }

    /** As {@link #start(String, String)}, with one webhook per URL in the receiver: each notification goes to all. */
    public static AlertmanagerProcess start(List<String> webhookUrls, String apiKey) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError(BINARY + " is missing: install the Debian package prometheus-alertmanager"
                    + " (scripts/test.sh does it) to run the Alertmanager end-to-end tests");
        }
        Path directory = Files.createTempDirectory("alertmanager-test");
        Path config = directory.resolve("alertmanager.yml");
        List<String> lines = new java.util.ArrayList<>(List.of(
                "route:",
                "  receiver: incident-stream",
                "  group_by: [alertname]",
                "  group_wait: 1s",
                "  group_interval: 1s",
                "  repeat_interval: 1h",
                "receivers:",
                "  - name: incident-stream",
                "    webhook_configs:"));
        for (String webhookUrl : webhookUrls) {
            lines.addAll(List.of(
                    "      - url: " + webhookUrl,
                    "        send_resolved: true",
                    "        max_alerts: 100",
                    "        http_config:",
                    "          authorization:",
                    "            type: Bearer",
                    "            credentials: " + apiKey));
        }
        lines.add("");
        Files.writeString(config, String.join("\n", lines));
        int port = freePort();
        Path log = directory.resolve("alertmanager.log");
        Process process = new ProcessBuilder(List.of(
                        BINARY.toString(),
                        "--config.file=" + config,
                        "--storage.path=" + directory.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        // No gossip: each test instance stands alone, and no fixed cluster port is taken.
                        "--cluster.listen-address=",
                        "--log.level=debug"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        AlertmanagerProcess alertmanager = new AlertmanagerProcess(directory, process, port);
        try {
            alertmanager.awaitReady();
        } catch (Exception | AssertionError e) {
            alertmanager.close();
            throw e;
        }
        return alertmanager;
    }

    /** Posts alerts (a JSON array) to Alertmanager's own API, as Prometheus does. */
    public void postAlerts(String alertsJson) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri("/api/v2/alerts"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(alertsJson))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    "Alertmanager refused the alerts: " + response.statusCode() + " " + response.body() + "\n" + log());
        }
    }

    /** Everything Alertmanager logged, for failure messages. */
    /** The next event of {@code type} the subscriber receives, skipping others; fails with this Alertmanager's log. */
    public com.fasterxml.jackson.databind.JsonNode awaitEvent(
            io.incidentstream.adapters.websocket.testing.TestClient subscriber, String type, Duration wait)
            throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            com.fasterxml.jackson.databind.JsonNode message =
                    subscriber.poll(Duration.ofMillis(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            if (message != null
                    && type.equals(message.path("event").path("event_type").asText())) {
                return message.path("event");
            }
        }
        throw new AssertionError("no " + type + " event within " + wait + "; Alertmanager's log:\n" + log());
    }

    public String log() {
        try {
            return Files.readString(directory.resolve("alertmanager.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Alertmanager exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<Void> ready = http.send(
                        HttpRequest.newBuilder(uri("/-/ready"))
                                .timeout(Duration.ofSeconds(2))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet: asked again below, once the process has had a moment.
            }
            // Waits up to 100 ms, ending early if the process dies (reported at the top of the loop).
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("Alertmanager not ready within " + READY_TIMEOUT + ":\n" + log());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Stops this process (SIGTERM, then SIGKILL after 10 s) and removes its directory. Interrupted
     * while waiting, it kills the process at once and keeps the thread's interrupt.
     */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
