package io.incidentstream.bootstrap.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Refused subscribers are counted in {@code websocket_upgrades_refused_total} with a {@code transport}
 * label, {@code sse} for {@code GET /sse} and {@code ws} for an upgrade to {@code /ws}: the two share
 * the connection limits, and an operator can still tell which endpoint turns clients away.
 */
@Timeout(60)
class SseRefusalMetricsTest {

    private static final String ALLOWED = "https://ops.example.com";
    private static final String REFUSED = "websocket_upgrades_refused_total";

    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void refusalsOfEitherEndpointAreCountedUnderItsOwnTransport() throws Exception {
        server = new TestServer(Map.of("allowed_origins", ALLOWED, "max_connections_per_address", "1"));

        try (SseStream foreign = SseStream.open(server.port(), "/sse", Map.of("Origin", "https://evil.example.net"))) {
            assertThat(foreign.status()).isEqualTo(403);
        }
        assertThat(upgradeStatus("https://evil.example.net")).isEqualTo(403);

        // One stream holds this address's only place: the next stream and the next upgrade are refused.
        try (SseStream holder = SseStream.open(server.port(), "/sse")) {
            assertThat(holder.status()).isEqualTo(200);
            assertThat(holder.next(Duration.ofSeconds(10)).retry())
                    .as("the stream's retry line")
                    .isNotNull();
            holder.next("welcome");
            try (SseStream second = SseStream.open(server.port(), "/sse", Map.of("Accept", "*/*"))) {
                assertThat(second.status()).isEqualTo(429);
                assertThat(second.errorBody().at("/error/code").asText()).isEqualTo("ADDRESS_FULL");
            }
            // EventSource gives up for good on a 429, and would stay away once the place is free:
            // it gets a stream that says closing (1013) and ends, and comes back after its retry.
            try (SseStream fromAPage = SseStream.open(server.port(), "/sse")) {
                assertThat(fromAPage.status()).isEqualTo(200);
                SseStream.Message closing = fromAPage.next("closing");
                assertThat(closing.retry()).isBetween(5_000L, 10_000L);
                assertThat(closing.json().path("code").asInt()).isEqualTo(1013);
                assertThat(closing.json().path("reconnect").asBoolean()).isTrue();
                assertThat(closing.json().path("retry_after_ms").asLong()).isEqualTo(closing.retry());
                assertThat(closing.json().path("reason").asText()).contains("address");
                assertThat(fromAPage.endsWithin(Duration.ofSeconds(10))).isTrue();
            }
            assertThat(upgradeStatus(ALLOWED)).isEqualTo(429);
            assertThat(upgradeStatus(ALLOWED)).isEqualTo(429);
        }

        assertThat(server.metric(REFUSED, "reason=\"origin_not_allowed\",transport=\"sse\""))
                .isEqualTo(1.0);
        assertThat(server.metric(REFUSED, "reason=\"origin_not_allowed\",transport=\"ws\""))
                .isEqualTo(1.0);
        assertThat(server.metric(REFUSED, "reason=\"address_full\",transport=\"sse\""))
                .isEqualTo(2.0);
        assertThat(server.metric(REFUSED, "reason=\"address_full\",transport=\"ws\""))
                .isEqualTo(2.0);
    }

    /** The status of a WebSocket upgrade to /ws from {@code origin}, written by hand. */
    private int upgradeStatus(String origin) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                                    + "Origin: " + origin + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String statusLine = SseStream.line(socket.getInputStream());
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }
}
