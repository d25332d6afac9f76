package io.incidentstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/class-archive.sh, the "faster start" of docs/operations.md and the start-up benchmark's
 * archive: run on the built jar, it writes an archive that a server then starts with and serves.
 * The fat jar is built by the bootstrap module's package phase, which the build runs before this
 * module's tests.
 */
@Timeout(180)
class ClassArchiveScriptTest {

    private static final Path SCRIPT = Path.of("..", "scripts", "class-archive.sh");
    private static final Path BUILT_JAR = Path.of("..", "bootstrap", "target", "incident-stream.jar");

    @TempDir
    Path dir;

    @Test
    void writesAnArchive_thatTheServerStartsWith_andServes() throws Exception {
        assertThat(BUILT_JAR)
                .as("the fat jar (./mvnw verify builds it before these tests)")
                .exists();
        Path jar = Files.copy(BUILT_JAR, dir.resolve("incident-stream.jar"));

        Result made = run(List.of("bash", SCRIPT.toString(), jar.toString()));

        assertThat(made.status()).as(made.output()).isZero();
        Path archive = dir.resolve("incident-stream.jsa");
        assertThat(archive).isNotEmptyFile();
        assertThat(made.output()).contains("-XX:SharedArchiveFile=" + archive);

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = dir.resolve("server.log");
        // -Xshare:on: the JVM refuses to start rather than fall back, so a start means the archive was used.
        Process server = new ProcessBuilder(
                        java(),
                        "-Xshare:on",
                        "-XX:SharedArchiveFile=" + archive,
                        "-jar",
                        jar.toString(),
                        "--host",
                        "127.0.0.1",
                        "--port",
                        String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            // Polled until ready, the process ends, or the deadline passes; each poll waits on the socket.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int status = 0;
            while (status != 200) {
                assertThat(server.isAlive()).as(() -> read(log)).isTrue();
                assertThat(System.nanoTime())
                        .as(() -> "not ready within 60 s:\n" + read(log))
                        .isLessThan(deadline);
                try {
                    status = client.send(ready, HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                } catch (java.io.IOException notYetListening) {
                    server.waitFor(10, TimeUnit.MILLISECONDS); // returns at once if the JVM exits
                }
            }
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aJarThatIsNotThere_failsAtOnce_namingIt() throws Exception {
        Result result = run(
                List.of("bash", SCRIPT.toString(), dir.resolve("missing.jar").toString()));

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.output()).contains("no such jar: " + dir.resolve("missing.jar"));
    }

    private record Result(int status, String output) {}

    private static Result run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The archive fits only the JVM that made it: the one that then starts the server here.
        builder.environment().put("JAVA", java());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
