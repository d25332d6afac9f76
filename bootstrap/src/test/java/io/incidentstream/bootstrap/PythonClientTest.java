package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the Python client's tests ({@code clients/python}, {@code python3 -m unittest}) against the
 * assembled server: filters, typed refusals, resume, the snapshot fallback, healed gaps and the
 * random-fault test. Maven is the test runner: unittest's own report is kept in this test's output
 * file and in the failure message, so that CI reads one summary.
 *
 * <p>Needs Debian's {@code /usr/bin/python3} with {@code python3-websockets} (another interpreter
 * first on the PATH may not see Debian's packages; {@code PYTHON_BINARY} overrides); without them
 * the test fails and says which is missing.
 */
class PythonClientTest {

    /**
     * Long, so that the gap test's stalled reader sees gaps (its queue overflows) rather than a
     * slow-consumer close while it publishes megabytes on a loaded machine.
     */
    private static final String WRITE_TIMEOUT_MS = "60000";
    /** Short, so that the fault test's floods are closed with 4029 within seconds. */
    private static final String RATE_LIMIT_CLOSE_AFTER_SECS = "2";

    private static final long TIMEOUT_MINUTES = 4;

    @RegisterExtension
    final RunningServer server = new RunningServer(
            Map.of("write_timeout_ms", WRITE_TIMEOUT_MS, "rate_limit_close_after_secs", RATE_LIMIT_CLOSE_AFTER_SECS));

    @Test
    // Above the node/python process's own bound (TIMEOUT_MINUTES), whose failure names what hung.
    @org.junit.jupiter.api.Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
    void pythonClientTestsPassAgainstTheRealServer() throws Exception {
        Path client = ExternalTests.repositoryDirectory("clients/python", "incident_stream_client.py");
        String python = System.getenv().getOrDefault("PYTHON_BINARY", "/usr/bin/python3");
        requireWebsockets(python);

        Map<String, String> env = Map.of(
                "INCIDENT_STREAM_URL",
                "ws://127.0.0.1:" + server.port(),
                "INCIDENT_STREAM_HTTP",
                server.http(),
                "INCIDENT_STREAM_RATE_LIMIT_CLOSE_AFTER_SECS",
                RATE_LIMIT_CLOSE_AFTER_SECS,
                "PYTHONDONTWRITEBYTECODE",
                "1");
        String log = ExternalTests.run(
                client,
                List.of(python, "-m", "unittest", "discover", "-v", "-s", "tests", "-t", "."),
                env,
                TIMEOUT_MINUTES,
                null);
        // unittest exits 0 with "Ran 0 tests" too: make sure the tests really ran.
        assertThat(log).withFailMessage("no Python test ran:%n%s", log).containsPattern("Ran [1-9][0-9]* tests?");
    }

    private static void requireWebsockets(String python) throws InterruptedException {
        ExternalTests.requireCheck(
                List.of(python, "-c", "import websockets; print(websockets.__version__)"),
                error -> String.format(
                        "Python is not installed at '%s' (%s): the Python client's tests need Debian's"
                                + " python3 with python3-websockets (apt-get install python3-websockets), or PYTHON_BINARY",
                        python, error),
                output -> String.format(
                        "'%s' cannot import websockets (%s): install Debian's python3-websockets"
                                + " (apt-get install python3-websockets), or set PYTHON_BINARY to an interpreter that has it",
                        python, output));
    }
}
