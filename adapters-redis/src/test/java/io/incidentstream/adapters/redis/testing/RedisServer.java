package io.incidentstream.adapters.redis.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} for tests: on a free port of 127.0.0.1, with its own temporary
 * directory, started and stopped by this object (by its pid, never by name). It can be stopped and
 * started again on the same port and directory, with or without its data ({@code appendonly}).
 * When the binary is missing the test fails, naming the Debian package: it never passes without Redis.
 */
public final class RedisServer implements AutoCloseable {

    private static final String PACKAGE_HINT =
            "redis-server is not installed: install the Debian package 'redis-server' (scripts/test.sh does)";

    private final Path binary;
    private final Path dir;
    private final int port;
    private final boolean appendOnly;
    private Process process;

    private RedisServer(Path binary, Path dir, int port, boolean appendOnly) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
        this.appendOnly = appendOnly;
    }

    /** Starts a server that keeps nothing on disk: a restart loses the stream. */
    public static RedisServer start() {
        return start(false);
    }

    /** @param appendOnly whether it writes an append-only file, so that a restart keeps the stream */
    public static RedisServer start(boolean appendOnly) {
        try {
            RedisServer server = new RedisServer(
                    findBinary(), Files.createTempDirectory("incident-stream-redis"), freePort(), appendOnly);
            server.startProcess();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    /** Runs {@code commands} on a connection of its own, opened and closed around them. */
    public <T> T call(Function<RedisCommands<String, String>, T> commands) {
        RedisClient client = RedisClient.create(url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return commands.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }

    /** Empties every database: what a node sees when Redis lost its data. */
    public void flushAll() {
        call(RedisCommands::flushall);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Stops it as an operator would (SIGTERM: an append-only file is flushed), and waits until it is gone. */
    public void stop() {
        process.destroy();
        waitFor();
    }

    /**
     * SIGSTOP: Redis stands still with its connections open, as when it swaps or a network holds the
     * packets; commands sent meanwhile wait in its socket and run when it {@link #resume resumes}.
     */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT: it runs what waited, in order. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .inheritIO()
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling redis-server", e);
        }
    }

    /**
     * Kills it (SIGKILL: nothing is written on the way out) and starts it again on the same port and
     * directory: it comes back with what it last saved ({@code SAVE}'s dump.rdb), older than what it
     * held, as after a host crash with snapshots only, or a backup restored.
     */
    public void crashAndRestart() {
        process.destroyForcibly();
        waitFor();
        startProcess();
    }

    /** Starts it again on the same port and directory (with the same data if it keeps any). */
    public void restart() {
        if (process != null && process.isAlive()) {
            stop();
        }
        startProcess();
    }

    private void waitFor() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startProcess() {
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dir.toString(),
                "--save",
                "",
                "--daemonize",
                "no",
                "--appendonly",
                appendOnly ? "yes" : "no",
                "--logfile",
                dir.resolve("redis.log").toString()));
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitListening();
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; see " + dir);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("redis-server did not listen on port " + port + " within 15 s");
    }

    private static Path findBinary() {
        List<Path> candidates = new ArrayList<>(List.of(Paths.get("/usr/bin/redis-server")));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                candidates.add(Paths.get(entry, "redis-server"));
            }
        }
        return candidates.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError(PACKAGE_HINT));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }
}
