package io.incidentstream.bootstrap.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node in a JVM of its own (the server's main class on this test's class path), so that it can
 * be killed with SIGKILL as a machine dies: no shutdown hook, no goodbye to its clients.
 */
final class ChildNode implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ChildNode(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static ChildNode start(String redisUrl, String prefix, String nodeId, String... extra) throws Exception {
        ChildNode node = launch(redisUrl, prefix, nodeId, extra);
        node.awaitReady();
        return node;
    }

    /** Starts the process and returns at once, before it is ready (or before it gives up). */
    static ChildNode launch(String redisUrl, String prefix, String nodeId, String... extra) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("incident-stream-" + nodeId, ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.incidentstream.bootstrap.Main",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--engine",
                "redis",
                "--redis-url",
                redisUrl,
                "--redis-key-prefix",
                prefix,
                "--node-id",
                nodeId));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ChildNode(process, port, log);
    }

    int port() {
        return port;
    }

    /** SIGKILL: the process ends at once, its sockets are reset by the kernel. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGSTOP: the process stands still as in a long GC pause; its sockets stay open. */
    void pause() throws Exception {
        signal("STOP");
    }

    /** SIGCONT: it carries on where it stood. */
    void resume() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                .inheritIO()
                .start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** What it printed so far. */
    String log() throws IOException {
        return Files.readString(log);
    }

    /** Waits for it to exit by itself; returns its exit status. */
    int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("node still running after " + timeout + ":\n" + log());
        }
        return process.exitValue();
    }

    void awaitReady() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "node exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> ready = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                                .timeout(Duration.ofSeconds(2))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("node not ready within 60 s:\n" + Files.readString(log));
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Files.deleteIfExists(log);
    }
}
