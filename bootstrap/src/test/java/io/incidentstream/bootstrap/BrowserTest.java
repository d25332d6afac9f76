package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the browser tests ({@code browser-tests/}, {@code node --test test/}): web pages served by this
 * server, opened in a real Chromium (the Debian package) driven by playwright-core.
 *
 * <p>It starts one server on a free port for the tests that need nothing special
 * ({@code INCIDENT_STREAM_HTTP}), and gives them the Java binary and class path of this build, so that
 * a test can start servers of its own with other settings, or stop and restart one
 * ({@code browser-tests/harness/server.js}). To add a browser test, add a {@code *.test.js} file to
 * {@code browser-tests/test/}: this class runs every file there.
 *
 * <p>Needs Node.js 20 or later, {@code npm ci} in {@code browser-tests} (the build runs it) and
 * Chromium at {@code /usr/bin/chromium} (or {@code CHROMIUM_BINARY}); without any of them the test
 * fails and names what is missing.
 */
class BrowserTest {

    private static final long TIMEOUT_MINUTES = 12;

    @RegisterExtension
    final RunningServer server = new RunningServer();

    @Test
    // Above the node/python process's own bound (TIMEOUT_MINUTES), whose failure names what hung.
    @org.junit.jupiter.api.Timeout(value = 13, unit = java.util.concurrent.TimeUnit.MINUTES)
    void browserTestsPassAgainstTheRealServer() throws Exception {
        Path tests = ExternalTests.installedPackage("browser-tests", "playwright-core");
        String node = ExternalTests.requireNode("20 or later");
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            fail(
                    "Chromium is not installed at %s: install the Debian package 'chromium' (scripts/test.sh does),"
                            + " or set CHROMIUM_BINARY to its path",
                    chromium);
        }
        Path reports =
                Files.createDirectories(Path.of("target", "browser-tests").toAbsolutePath());

        // Echoed as it comes: the load report is worth reading in the build's output.
        ExternalTests.run(
                tests,
                List.of(node, "--test", "--test-concurrency=1", "test/"),
                Map.of(
                        "INCIDENT_STREAM_HTTP", server.http(),
                        "BROWSER_TESTS_JAVA",
                                ProcessHandle.current().info().command().orElse("java"),
                        "BROWSER_TESTS_CLASSPATH", System.getProperty("java.class.path"),
                        "BROWSER_TESTS_OUTPUT", reports.toString(),
                        "CHROMIUM_BINARY", chromium.toString()),
                TIMEOUT_MINUTES,
                System.out);
    }
}
