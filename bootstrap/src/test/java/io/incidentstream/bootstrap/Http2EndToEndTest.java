package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.bootstrap.TestCertificates.Issued;
import io.incidentstream.bootstrap.config.ServerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 on every endpoint: h2 chosen through ALPN on the TLS port, h2c on the plain one (prior
 * knowledge, as {@code curl --http2-prior-knowledge} sends it), with more event streams on one
 * connection than a browser would open over HTTP/1.1 (six); HTTP/1.1 still served; and off when
 * {@code http2_enabled=false}.
 */
@Timeout(120)
class Http2EndToEndTest {

    @TempDir
    Path dir;

    private IncidentStreamServer server;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void overTls_alpnChoosesH2_andTenEventStreamsShareOneConnection() throws Exception {
        Issued certificate = TestCertificates.selfSigned("EC", "localhost");
        Path cert = TestCertificates.writeCertificates(dir.resolve("ec.crt"), certificate.certificate());
        Path key = TestCertificates.writePkcs8Key(dir.resolve("ec.key"), certificate);
        server = start(Map.of("tls_cert_file", cert.toString(), "tls_key_file", key.toString(), "tls_port", "0"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(TestCertificates.trusting(certificate.certificate()));
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .sslContext(tls)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String base = "https://localhost:" + server.tlsPort();

        List<Iterator<String>> streams = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            HttpResponse<Stream<String>> response = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/sse"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.statusCode()).isEqualTo(200);
            Iterator<String> lines = response.body().iterator();
            untilLine(lines, "event: subscribed");
            streams.add(lines);
        }
        HttpResponse<String> published = client.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"event_type\":\"system_event\",\"category\":\"h2\",\"message\":\"over h2\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(published.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(published.statusCode()).isEqualTo(202);
        for (Iterator<String> lines : streams) {
            untilLine(lines, "event: event");
            assertThat(lines.next()).startsWith("data: {\"type\":\"event\"").contains("over h2");
        }
        HttpResponse<String> health = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(tls)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/health/live"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void cleartext_curlWithPriorKnowledge_readsTheEventStreamOverH2c() throws Exception {
        server = start(Map.of());
        Process curl = curl(
                "-sS",
                "-N",
                "--http2-prior-knowledge",
                "-D",
                "-",
                "http://127.0.0.1:" + server.port() + "/sse?severities=P1");
        BufferedReader out = new BufferedReader(new InputStreamReader(curl.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("HTTP/2 200 ");
        List<String> head = new ArrayList<>();
        for (String line = out.readLine(); line != null && !line.isEmpty(); line = out.readLine()) {
            head.add(line);
        }
        assertThat(head)
                .contains("content-type: text/event-stream", "cache-control: no-store", "x-accel-buffering: no");
        Iterator<String> lines = out.lines().iterator();
        untilLine(lines, "event: subscribed");
        HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/incidents"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"severity\":\"P1\",\"source\":\"curl\",\"title\":\"over h2c\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        String id = untilLine(lines, "id: ");
        assertThat(lines.next()).isEqualTo("event: event");
        assertThat(lines.next()).startsWith("data: {\"type\":\"event\"").contains("over h2c");
        assertThat(id).endsWith(":1");
    }

    @Test
    void http2Disabled_plainPortAnswersPriorKnowledgeWithoutH2() throws Exception {
        server = start(Map.of("http2_enabled", "false"));
        Process curl = curl(
                "-sS",
                "-o",
                "/dev/null",
                "-w",
                "%{http_version}",
                "--http2-prior-knowledge",
                "http://127.0.0.1:" + server.port() + "/health/live");
        String version = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(version).isNotEqualTo("2");
    }

    private static IncidentStreamServer start(Map<String, String> settings) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(Map.of("port", "0", "host", "127.0.0.1"));
        all.putAll(settings);
        return ServerComponent.create(ServerConfig.defaults(all), Clock.systemUTC())
                .start();
    }

    private Process curl(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("curl", "--max-time", "60"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new IOException("this test runs curl (Debian package curl, with HTTP/2): " + e.getMessage(), e);
        }
    }

    /** Reads lines until one starts with {@code prefix}; returns it. */
    private static String untilLine(Iterator<String> lines, String prefix) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("the stream ended before a line starting with '" + prefix + "'");
    }
}
