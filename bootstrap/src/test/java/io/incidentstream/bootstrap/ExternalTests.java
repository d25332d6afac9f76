package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs another language's tests from a JUnit test against the assembled server: the reference
 * client's ({@link ReferenceClientTest}, Node.js), the browser tests ({@link BrowserTest}, Node.js)
 * and the Python client's ({@link PythonClientTest}). What they need and is missing (the program, a
 * package, the directory) fails the test and says so, rather than passing without testing.
 */
final class ExternalTests {

    private ExternalTests() {}

    /** A directory of the repository holding {@code marker}, found from the working directory (the module, or the root). */
    static Path repositoryDirectory(String relative, String marker) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate.resolve(marker))) {
                return candidate;
            }
        }
        return fail("%s/%s not found above %s", relative, marker, Path.of("").toAbsolutePath());
    }

    /** A Node.js package of the repository in which {@code npm ci} has installed {@code module}. */
    static Path installedPackage(String relative, String module) {
        Path directory = repositoryDirectory(relative, "package.json");
        if (!Files.isDirectory(directory.resolve("node_modules").resolve(module))) {
            fail(
                    "%s has no node_modules/%s: run npm ci there (npm ci --prefix %s) before this test",
                    directory, module, relative);
        }
        return directory;
    }

    /** The Node.js binary: {@code NODE_BINARY}, else {@code node} on the PATH; fails naming {@code version} if absent. */
    static String requireNode(String version) throws InterruptedException {
        String node = System.getenv().getOrDefault("NODE_BINARY", "node");
        requireCheck(
                List.of(node, "--version"),
                error -> String.format(
                        "Node.js is not installed or not on the PATH ('%s' could not be run: %s). These"
                                + " tests need Node.js %s; set NODE_BINARY to its path if it is elsewhere.",
                        node, error, version),
                output -> String.format(
                        "'%s --version' failed (%s): these tests need Node.js %s", node, output, version));
        return node;
    }

    /**
     * Runs a short check of what the tests need (a version, an import) and fails with
     * {@code cannotRun} of the error when the program cannot be started, or with {@code failed} of its
     * output when it does not exit with 0 within 30 seconds.
     */
    static void requireCheck(List<String> command, Function<String, String> cannotRun, Function<String, String> failed)
            throws InterruptedException {
        String output;
        try {
            Process check =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!check.waitFor(30, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                output += " (did not finish within 30 s)";
            } else if (check.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            fail(cannotRun.apply(e.getMessage()));
            return;
        }
        fail(failed.apply(output));
    }

    /**
     * Runs {@code command} in {@code directory} with {@code env} added, up to {@code timeoutMinutes}, and
     * asserts that it exits with 0; its output goes into the failure message, and to {@code echo} as it
     * comes when not null. Returns that output.
     */
    static String run(
            Path directory, List<String> command, Map<String, String> env, long timeoutMinutes, PrintStream echo)
            throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = drain(process.getInputStream(), output, echo);

        boolean finished = process.waitFor(timeoutMinutes, TimeUnit.MINUTES);
        if (!finished) {
            // node --test runs each file in a child process (which may run browsers and servers): stop them all.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        String log = output.toString(StandardCharsets.UTF_8);
        if (echo == null) {
            System.out.println(log);
        }
        assertThat(finished)
                .withFailMessage("%s did not finish within %d minutes; its output:%n%s", command, timeoutMinutes, log)
                .isTrue();
        assertThat(process.exitValue())
                .withFailMessage(
                        "%s in %s exited with %d; its output:%n%s", command, directory, process.exitValue(), log)
                .isZero();
        return log;
    }

    private static Thread drain(InputStream in, ByteArrayOutputStream copy, PrintStream echo) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[8192];
                    try (in) {
                        for (int n; (n = in.read(buffer)) >= 0; ) {
                            copy.write(buffer, 0, n);
                            if (echo != null) {
                                echo.write(buffer, 0, n);
                            }
                        }
                    } catch (IOException e) {
                        // The process was killed: what was read so far is kept.
                    }
                },
                "test-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
