package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentstream.adapters.websocket.testing.TestClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server as a process, as a new user and an operator meet it: --help and --version, one line
 * for a port in use, loopback only while open, the start-up banner, JSON logs, exit 0 on SIGTERM.
 */
@Timeout(120)
class CommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("listening on ([^ ]+):(\\d+) \\(HTTP\\)");

    @Test
    void help_listsEverySettingWithItsDefaultAndEnvironmentVariable_andExits0() throws Exception {
        try (ServerProcess process = ServerProcess.start(Map.of(), "--help")) {
            assertThat(process.awaitExit()).isZero();
            String help = process.output();
            assertThat(help)
                    .startsWith("incident-stream ")
                    .contains("Usage: java -jar incident-stream.jar")
                    .contains("Listening\n")
                    .contains("Access control\n")
                    .contains("Logging\n");
            assertThat(help)
                    .contains("  --port <0..65535>   [default 8080; env INCIDENT_STREAM_PORT]")
                    .contains("  --host <text>   [default empty; env INCIDENT_STREAM_HOST]")
                    .contains("  --log-format <text|json>   [default text; env INCIDENT_STREAM_LOG_FORMAT]");
        }
        try (ServerProcess process = ServerProcess.start(Map.of(), "-h")) {
            assertThat(process.awaitExit()).isZero();
            assertThat(process.output()).contains("Usage:");
        }
    }

    @Test
    void version_printsTheVersion_andExits0() throws Exception {
        try (ServerProcess process = ServerProcess.start(Map.of(), "--version")) {
            assertThat(process.awaitExit()).isZero();
            assertThat(process.lines()).singleElement().asString().matches("incident-stream \\S+ \\(Java .+\\)");
        }
    }

    @Test
    void portInUse_isOneLineNamingTheSetting_andExits1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ServerProcess process = ServerProcess.start(
                        Map.of(), "--host", "127.0.0.1", "--port", Integer.toString(taken.getLocalPort()))) {
            assertThat(process.awaitExit()).isEqualTo(1);
            assertThat(process.lines())
                    .singleElement()
                    .asString()
                    .contains("ERROR")
                    .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("already in use")
                    .contains("--port")
                    .contains("INCIDENT_STREAM_PORT");
        }
    }

    @Test
    void anIdleTimeoutNoLongerThanTheHeartbeat_isWarnedAboutAtStartUp() throws Exception {
        try (ServerProcess process = ServerProcess.start(Map.of(), "--port", "0", "--session-timeout-secs", "2")) {
            process.awaitLine(
                    line -> line.contains("session_timeout_secs (2) is not longer than heartbeat_interval_secs (30)"),
                    "the warning");
        }
    }

    @Test
    void moreAlertsPerNotificationThanABatchCanTake_isWarnedAboutAtStartUp() throws Exception {
        try (ServerProcess process =
                ServerProcess.start(Map.of(), "--port", "0", "--alert-max-per-notification", "5000")) {
            process.awaitLine(
                    line -> line.contains("alert_max_per_notification (5000) allows notifications whose new alerts"
                                    + " give up to 15000 events, more than broadcast_capacity (10000)")
                            && line.contains("at most broadcast_capacity / 3"),
                    "the warning");
        }
    }

    @Test
    void openServerWithoutHost_listensOnLoopbackOnly_saysHowToOpenIt_andListsItsUrls() throws Exception {
        try (ServerProcess process = ServerProcess.start(Map.of(), "--port", "0")) {
            Matcher listening = listening(process);
            assertThat(listening.group(1)).isEqualTo("127.0.0.1");
            String base = "127.0.0.1:" + listening.group(2);
            process.awaitLine(
                    line -> line.contains("listening on loopback (127.0.0.1) only")
                            && line.contains("--host 0.0.0.0")
                            && line.contains("api_keys"),
                    "saying how to open it");
            String output = process.output();
            assertThat(output)
                    .contains("WebSocket ws://" + base + "/ws")
                    .contains("GET       http://" + base + "/\n")
                    .contains("GET       http://" + base + "/board\n")
                    .contains("GET       http://" + base + "/sse\n")
                    .contains("POST      http://" + base + "/api/v1/events")
                    .contains("GET       http://" + base + "/metrics")
                    .contains("GET       http://" + base + "/health/ready")
                    .contains("configuration from: defaults, flags")
                    .contains("port=0 (from flag --port)");
            assertThat(output.lines().findFirst().orElseThrow())
                    .contains("incident-stream")
                    .contains("ready");
            process.terminate();
            assertThat(process.awaitExit()).isZero();
        }
    }

    @Test
    void accessControlWithoutHost_listensOnEveryInterface_withoutTheLoopbackWarning() throws Exception {
        // Either half of access control is enough: publisher keys, or subscriber token verification.
        Map<String, String> publisherKeys = Map.of("INCIDENT_STREAM_API_KEYS", "pk_command_line_test_key_123");
        Map<String, String> subscriberTokens =
                Map.of("INCIDENT_STREAM_JWT_HS256_SECRET", "command-line-test-secret-of-32-bytes-or-more");
        for (Map<String, String> environment : java.util.List.of(publisherKeys, subscriberTokens)) {
            try (ServerProcess process = ServerProcess.start(environment, "--port", "0")) {
                Matcher listening = listening(process);
                assertThat(listening.group(1))
                        .as(environment.keySet().toString())
                        .isEqualTo("0.0.0.0");
                String base = "localhost:" + listening.group(2);
                // The loopback warning, when there is one, comes right after the banner, before the open half's.
                process.awaitLine(line -> line.contains("OPEN: no "), "the open half's warning");
                String output = process.output();
                assertThat(output)
                        .as(environment.keySet().toString())
                        .contains("listening on 0.0.0.0:" + listening.group(2) + " (HTTP), every interface")
                        .contains("WebSocket ws://" + base + "/ws")
                        .contains("GET       http://" + base + "/board\n")
                        .doesNotContain("listening on loopback");
                HttpResponse<String> health = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + listening.group(2) + "/health/live"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                process.terminate();
                assertThat(process.awaitExit()).isZero();
            }
        }
    }

    @Test
    void sigterm_afterACleanShutdown_exits0_andTheLogSaysOneClient() throws Exception {
        WebSocketClient ws = new WebSocketClient();
        try (ServerProcess process = ServerProcess.start(Map.of("INCIDENT_STREAM_HOST", "127.0.0.1"), "--port", "0")) {
            Matcher listening = listening(process);
            ws.start();
            try (TestClient client =
                    TestClient.connect(ws, URI.create("ws://127.0.0.1:" + listening.group(2) + "/ws"))) {
                client.next("welcome");
                process.terminate();
                assertThat(process.awaitExit()).isZero();
                assertThat(client.awaitClose()).isEqualTo(1001);
            }
            assertThat(process.output())
                    .contains("telling 1 client to reconnect")
                    .contains("stopped")
                    .contains("configuration from: defaults, environment, flags")
                    .contains("host=127.0.0.1 (from environment variable INCIDENT_STREAM_HOST)");
        } finally {
            ws.stop();
        }
    }

    @Test
    void jsonLogFormat_writesOneJsonObjectPerLine_withSecretsMasked() throws Exception {
        String secret = "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t";
        try (ServerProcess process = ServerProcess.start(
                Map.of("INCIDENT_STREAM_JWT_HS256_SECRET", secret),
                "--port",
                "0",
                "--log-format",
                "json",
                "--host",
                "127.0.0.1")) {
            process.awaitLine(line -> line.contains("listening on 127.0.0.1:"), "listening");
            int port =
                    Integer.parseInt(process.output().replaceAll("(?s).*listening on 127\\.0\\.0\\.1:(\\d+).*", "$1"));
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            process.terminate();
            assertThat(process.awaitExit()).isZero();
            assertThat(process.output()).doesNotContain(secret).contains("jwt_hs256_secret=(hidden)");
            for (String line : process.lines()) {
                JsonNode entry = JSON.readTree(line);
                assertThat(entry.path("timestamp").asText()).as(line).endsWith("Z");
                assertThat(entry.path("level").asText()).as(line).isIn("INFO", "WARN", "ERROR", "DEBUG");
                assertThat(entry.has("logger") && entry.has("thread") && entry.has("message"))
                        .as(line)
                        .isTrue();
            }
        }
    }

    private static Matcher listening(ServerProcess process) throws InterruptedException {
        Matcher matcher = LISTENING.matcher(
                process.awaitLine(line -> LISTENING.matcher(line).find(), "listening"));
        assertThat(matcher.find()).isTrue();
        return matcher;
    }
}
