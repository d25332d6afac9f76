package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.bootstrap.sse.SseStream;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A browser on a site behind HTTP Basic authentication sends that {@code Authorization} header by
 * itself: it counts as no credential, and the token the page sends its own way (query parameter,
 * subprotocol) is the one checked, on {@code /ws} and {@code /sse}.
 */
@Timeout(60)
class BrowserTokenBesideBasicAuthTest {

    @RegisterExtension
    static final RunningServer SERVER = new RunningServer(Map.of(
            "jwt_hs256_secret", SubscriberTokens.SECRET,
            "jwt_issuer", SubscriberTokens.ISSUER,
            "jwt_audience", SubscriberTokens.AUDIENCE));

    private static final WebSocketClient ws = new WebSocketClient();

    @BeforeAll
    static void start() throws Exception {
        ws.start();
    }

    @AfterAll
    static void stop() throws Exception {
        ws.stop();
    }

    @ParameterizedTest(name = "Authorization: {0}")
    @ValueSource(strings = {"Basic YWxpY2U6c2VjcmV0", "Negotiate YIIBhgYGKwYBBQUCoIIBejCCAXag", "Bearer "})
    void theBrowsersTokenIsChecked_despiteAnotherAuthorizationHeader(String authorization) throws Exception {
        String token = SubscriberTokens.hs256(SubscriberTokens.claims("alice"));

        ClientUpgradeRequest byQuery =
                new ClientUpgradeRequest(URI.create(SERVER.ws("/ws") + "?access_token=" + token));
        byQuery.setHeader("Authorization", authorization);
        try (TestClient client = new TestClient()) {
            ws.connect(client, byQuery).get(10, TimeUnit.SECONDS);
            assertThat(client.next("welcome").path("session_id").asText()).isNotEmpty();
        }

        ClientUpgradeRequest bySubprotocol = new ClientUpgradeRequest(SERVER.ws("/ws"));
        bySubprotocol.setHeader("Authorization", authorization);
        bySubprotocol.setSubProtocols("incident-stream.bearer", token);
        try (TestClient client = new TestClient()) {
            ws.connect(client, bySubprotocol).get(10, TimeUnit.SECONDS);
            assertThat(client.next("welcome").path("session_id").asText()).isNotEmpty();
        }

        try (SseStream sse =
                SseStream.open(SERVER.port(), "/sse?access_token=" + token, Map.of("Authorization", authorization))) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.subscribed().path("type").asText()).isEqualTo("subscribed");
        }
    }
}
