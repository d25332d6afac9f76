package io.incidentstream.bootstrap;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    @RegisterExtension
    final RunningServer server = new RunningServer(
            Map.of("write_timeout_ms", WRITE_TIMEOUT_MS, "rate_limit_close_after_secs", RATE_LIMIT_CLOSE_AFTER_SECS));

    @Test
    // Above the node/python process's own bound (TIMEOUT_MINUTES), whose failure names what hung.
    @org.junit.jupiter.api.Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
    void referenceClientTestsPassAgainstTheRealServer() throws Exception {
        Path client = ExternalTests.installedPackage("clients/js", "ws");
        String node = ExternalTests.requireNode("18 or later");
        ExternalTests.run(
                client,
                List.of(node, "--test", "test/"),
                Map.of(
                        "INCIDENT_STREAM_URL",
                        "ws://127.0.0.1:" + server.port(),
                        "INCIDENT_STREAM_HTTP",
                        server.http(),
                        "INCIDENT_STREAM_WRITE_TIMEOUT_MS",
                        WRITE_TIMEOUT_MS,
                        "INCIDENT_STREAM_RATE_LIMIT_CLOSE_AFTER_SECS",
                        RATE_LIMIT_CLOSE_AFTER_SECS),
                TIMEOUT_MINUTES,
                null);
    }
}
