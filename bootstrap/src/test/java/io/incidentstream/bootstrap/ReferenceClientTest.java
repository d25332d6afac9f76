package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.incidentstream.bootstrap.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the JavaScript reference client's tests ({@code clients/js}, {@code node --test test/})
 * against the assembled server: resume, snapshots, gaps, slow-consumer and rate-limit closes, and
 * twenty clients whose connections are broken at random while thousands of events are published.
 *
 * <p>Needs Node.js on the PATH (or in {@code NODE_BINARY}) and {@code npm ci --prefix clients/js}
 * run beforehand; without them the test fails and says so, rather than passing without testing.
 */
class ReferenceClientTest {

    /** Short, so that the Node tests can provoke a 4008 and a 4029 in seconds rather than minutes. */
    private static final String WRITE_TIMEOUT_MS = "3000";
    private static final String RATE_LIMIT_CLOSE_AFTER_SECS = "2";
    private static final long TIMEOUT_MINUTES = 3;

    private IncidentStreamServer server;

    @BeforeEach
    void start() throws Exception {
        server = ServerComponent.create(ServerConfig.defaults(Map.of(
                "port", "0",
                "host", "127.0.0.1",
                "write_timeout_ms", WRITE_TIMEOUT_MS,
                "rate_limit_close_after_secs", RATE_LIMIT_CLOSE_AFTER_SECS)), Clock.systemUTC()).start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void referenceClientTestsPassAgainstTheRealServer() throws Exception {
        Path client = clientDirectory();
        String node = System.getenv().getOrDefault("NODE_BINARY", "node");
        requireNode(node);
        if (!Files.isDirectory(client.resolve("node_modules").resolve("ws"))) {
            fail("%s has no node_modules/ws: run npm ci in clients/js (npm ci --prefix clients/js) before this test",
                    client);
        }

        ProcessBuilder builder = new ProcessBuilder(node, "--test", "test/")
                .directory(client.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("INCIDENT_STREAM_URL", "ws://127.0.0.1:" + server.port());
        env.put("INCIDENT_STREAM_HTTP", "http://127.0.0.1:" + server.port());
        env.put("INCIDENT_STREAM_WRITE_TIMEOUT_MS", WRITE_TIMEOUT_MS);
        env.put("INCIDENT_STREAM_RATE_LIMIT_CLOSE_AFTER_SECS", RATE_LIMIT_CLOSE_AFTER_SECS);
        Process process = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = drain(process.getInputStream(), output);

        boolean finished = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            // node --test runs each file in a child process: stop them all.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        String log = output.toString(StandardCharsets.UTF_8);
        System.out.println(log);
        assertThat(finished)
                .withFailMessage("node --test did not finish within %d minutes; its output:%n%s", TIMEOUT_MINUTES, log)
                .isTrue();
        assertThat(process.exitValue())
                .withFailMessage("node --test test/ in %s exited with %d; its output:%n%s", client, process.exitValue(), log)
                .isZero();
    }

    /** clients/js, found from the working directory (the module when run by Maven, or the repository root). */
    private static Path clientDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("clients").resolve("js");
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                return candidate;
            }
        }
        return fail("clients/js/package.json not found above %s", Path.of("").toAbsolutePath());
    }

    private static void requireNode(String node) throws InterruptedException {
        try {
            Process version = new ProcessBuilder(List.of(node, "--version")).redirectErrorStream(true).start();
            String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!version.waitFor(30, TimeUnit.SECONDS) || version.exitValue() != 0) {
                fail("'%s --version' failed (%s): the reference client tests need Node.js 18 or later", node, text);
            }
        } catch (IOException e) {
            fail("Node.js is not installed or not on the PATH ('%s' could not be run: %s). The reference client"
                    + " tests need Node.js 18 or later; set NODE_BINARY to its path if it is elsewhere.",
                    node, e.getMessage());
        }
    }

    private static Thread drain(InputStream in, ByteArrayOutputStream out) {
        Thread thread = new Thread(() -> {
            try (in) {
                in.transferTo(out);
            } catch (IOException e) {
                // The process was killed: what was read so far is kept.
            }
        }, "node-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
