package io.incidentstream.adapters.websocket.sse;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.adapters.websocket.ServerMessageWriter;
import io.incidentstream.application.port.in.AuthenticationUseCase;
import io.incidentstream.application.port.in.ConnectionGate;
import io.incidentstream.application.port.out.Access;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stream asked for while the server shuts down (as {@code EventSource} does, reconnecting over the
 * keep-alive connection its last stream ended on) is not a 503, which would stop {@code EventSource}
 * for good: it is a stream that says {@code closing} with a {@code retry:} and ends, with the
 * connection, so that the browser comes back later to the server's successor.
 */
@Timeout(30)
class SseShutdownRefusalTest {

    private final Server jetty = new Server();

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
    }

    @Test
    void streamAskedForWhileShuttingDown_isClosingWithRetry_thenTheEndOfTheConnection() throws Exception {
        ConnectionGate shuttingDown = new ConnectionGate() {
            @Override
            public Entry enter(String clientAddress, String transport) {
                return new Refused(Reason.SHUTTING_DOWN, "the server is shutting down");
            }

            @Override
            public void denied(Denial denial, String transport) {}
        };
        AuthenticationUseCase open = new AuthenticationUseCase() {
            @Override
            public PublisherCheck checkPublisher(String apiKey) {
                return PublisherCheck.ACCEPTED;
            }

            @Override
            public SubscriberCheck checkSubscriber(String token) {
                return new Granted(Access.unrestricted());
            }

            @Override
            public boolean subscribersAuthenticate() {
                return false;
            }
        };
        SseRoute route = new SseRoute(
                new SseSettings("/sse", 500, 100, List.of(), List.of()),
                (channel, access) -> {
                    throw new AssertionError("no session may open while shutting down");
                },
                shuttingDown,
                open,
                new ServerMessageWriter(),
                null);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        jetty.setHandler(route);
        jetty.start();

        try (Socket socket = new Socket("127.0.0.1", connector.getLocalPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /sse HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer)
                    .startsWith("HTTP/1.1 200 ")
                    .contains("Content-Type: text/event-stream")
                    .contains("Connection: close");
            assertThat(answer)
                    .containsPattern(
                            "retry: (\\d{3,4})\nevent: closing\ndata: \\{\"type\":\"closing\","
                                    + "\"reason\":\"server shutting down\",\"code\":1001,\"reconnect\":true,\"retry_after_ms\":\\1\\}\n\n");
        }
    }
}
