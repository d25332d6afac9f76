package io.incidentstream.adapters.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.adapters.websocket.testing.WebSocketServerFixture;
import io.incidentstream.application.settings.StreamSettings;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connections are bounded in total (503) and per client address (429), refused at upgrade with a JSON body. */
class ConnectionLimitTest {

    private WebSocketServerFixture server;

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    @SuppressWarnings("try") // `second` holds a place for the test: open, never named in the body
    void connectionBeyondTheTotal_isRefusedWith503_andAPlaceFreesWhenOneLeaves() throws Exception {
        start(2, 100, List.of());
        TestClient first = server.connect();
        try (TestClient second = server.connect()) {
            assertThat(refusalStatus(null)).isEqualTo(503);
            String refusal = rawUpgrade(null);
            assertThat(refusal).startsWith("HTTP/1.1 503").contains("Retry-After: 5");
            JsonNode body = new ObjectMapper().readTree(refusal.substring(refusal.indexOf("\r\n\r\n") + 4));
            assertThat(body.path("error").path("code").asText()).isEqualTo("SERVER_FULL");
            assertThat(body.path("error").path("message").asText()).contains("maximum of 2 connections");

            first.close();
            first.awaitClose();
            LivenessTest.await(() -> server.stream().statistics().statistics().activeConnections() == 1, "release");
            try (TestClient third = server.connect()) {
                assertThat(third.isOpen()).isTrue();
            }
        }
    }

    @Test
    @SuppressWarnings("try") // `first` holds the address's place for the test: open, never named in the body
    void connectionBeyondThePerAddressLimit_isRefusedWith429() throws Exception {
        start(100, 1, List.of());
        try (TestClient first = server.connect()) {
            assertThat(refusalStatus(null)).isEqualTo(429);
            assertThat(rawUpgrade(null)).startsWith("HTTP/1.1 429").contains("\"code\":\"ADDRESS_FULL\"");
        }
    }

    @Test
    @SuppressWarnings("try") // the second `alice` holds the address's place for the test: open, never named in the body
    void behindATrustedProxy_theForwardedAddressIsCounted_butNotFromAnyoneElse() throws Exception {
        start(100, 1, List.of("127.0.0.1"));
        try (TestClient alice = connectAs("203.0.113.1");
                TestClient bob = connectAs("203.0.113.2")) {
            assertThat(alice.isOpen()).isTrue();
            assertThat(bob.isOpen()).isTrue();
            assertThat(refusalStatus("203.0.113.1")).isEqualTo(429);
        }
        server.close();

        start(100, 1, List.of("10.0.0.0/8"));
        try (TestClient alice = connectAs("203.0.113.1")) {
            // The peer (127.0.0.1) is not a trusted proxy, so its header is ignored: same address.
            assertThat(refusalStatus("203.0.113.2")).isEqualTo(429);
        }
    }

    private void start(int total, int perAddress, List<String> trustedProxies) throws Exception {
        server = new WebSocketServerFixture(
                StreamSettings.defaults().toBuilder()
                        .maxConnections(total)
                        .maxConnectionsPerAddress(perAddress)
                        .build(),
                true,
                Clock.systemUTC(),
                trustedProxies);
    }

    private TestClient connectAs(String forwardedFor) throws Exception {
        TestClient client = new TestClient();
        ClientUpgradeRequest request = new ClientUpgradeRequest(server.uri());
        request.setHeader("X-Forwarded-For", forwardedFor);
        server.client().connect(client, request).get(10, TimeUnit.SECONDS);
        client.next("welcome");
        return client;
    }

    private int refusalStatus(String forwardedFor) throws Exception {
        ClientUpgradeRequest request = new ClientUpgradeRequest(server.uri());
        if (forwardedFor != null) {
            request.setHeader("X-Forwarded-For", forwardedFor);
        }
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class,
                () -> server.client().connect(new TestClient(), request).get(10, TimeUnit.SECONDS));
        assertThat(failure.getCause()).isInstanceOf(UpgradeException.class);
        return ((UpgradeException) failure.getCause()).getResponseStatusCode();
    }

    /** The raw HTTP answer to an upgrade request, to see the refusal's headers and body. */
    private String rawUpgrade(String forwardedFor) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.uri().getPort())) {
            String request = "GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + (forwardedFor == null ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n")
                    + "Connection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
