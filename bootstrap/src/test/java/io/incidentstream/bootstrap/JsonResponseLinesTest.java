package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every JSON response ends with a newline, so that after {@code curl} the shell prompt starts on a
 * line of its own: answers, API errors, errors Jetty raises before routing, refused upgrades.
 */
@Timeout(30)
class JsonResponseLinesTest {

    @RegisterExtension
    static final RunningServer SERVER = new RunningServer(Map.of("allowed_origins", "https://ops.example.com"));

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /health                | 200 |
            GET    | /health/ready          | 200 |
            GET    | /api/v1/stats          | 200 |
            GET    | /api/v1/incidents      | 200 |
            POST   | /api/v1/events         | 202 | {"event_type":"system_event","category":"c","message":"m"}
            POST   | /api/v1/events         | 400 | {"event_type":"nope"}
            GET    | /no/such/path          | 404 |
            DELETE | /api/v1/events         | 405 |
            GET    | /api/v1/incidents/%zz  | 400 |
            """)
    void jsonBody_endsWithANewline(String method, String path, int status, String body) throws Exception {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        RawWire.Response response =
                RawWire.request(SERVER.port(), method + " " + path, List.of("Content-Type: application/json"), content);

        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("content-type")).startsWith("application/json");
        assertThat(response.text()).endsWith("}\n");
        assertThat(response.text().indexOf('\n')).isEqualTo(response.text().length() - 1);
    }

    @ParameterizedTest(name = "refused upgrade from {0}")
    @CsvSource({"https://evil.example.net"})
    void refusedUpgrade_endsWithANewline(String origin) throws Exception {
        try (RawWire.WebSocket socket = new RawWire.WebSocket(SERVER.port(), "/ws", List.of("Origin: " + origin))) {
            RawWire.Response response = socket.upgrade();
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.text()).endsWith("}\n");
        }
    }
}
