package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import io.incidentstream.adapters.websocket.testing.TestClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every subscriber auth path against the assembled server with real signed JWTs (HS256, issuer and
 * audience configured, no clock skew): valid, expired, not yet valid, wrong signature, wrong algorithm (none, HS512,
 * RS256), wrong audience and issuer, missing claims, missing token; at the upgrade (header: 401;
 * query parameter and subprotocol: {@code closing} + 4001) and during a session ({@code refresh}
 * refused with {@code FORBIDDEN}; a short-lived token closes the session with 4001 at its expiry
 * unless a fresh token was sent first).
 */
class AuthPathsEndToEndTest {

    private static final String API_KEY = "publisher-key-for-auth-paths-0001";
    private static final String SUBJECT = "alice";

    @RegisterExtension
    static final RunningServer SERVER = new RunningServer(Map.of(
            "jwt_hs256_secret",
            SubscriberTokens.SECRET,
            "jwt_issuer",
            SubscriberTokens.ISSUER,
            "jwt_audience",
            SubscriberTokens.AUDIENCE,
            "api_keys",
            API_KEY,
            // No leeway: a session lasts until its token's exp (plus this skew), so 3 s means 3 s.
            "jwt_clock_skew_secs",
            "0",
            "heartbeat_interval_secs",
            "3600"));

    private static final WebSocketClient ws = new WebSocketClient();

    /** A token that must be refused, with the reason the server gives for it. */
    enum BadToken {
        EXPIRED(
                "token expired",
                () -> SubscriberTokens.hs256(claims().issueTime(Date.from(now().minusSeconds(7200)))
                        .expirationTime(Date.from(now().minusSeconds(600))))),
        NOT_YET_VALID(
                "token not yet valid",
                () -> SubscriberTokens.hs256(claims().notBeforeTime(Date.from(now().plusSeconds(600))))),
        WRONG_SIGNATURE(
                "bad signature", () -> SubscriberTokens.hs256(claims(), "another-secret-of-at-least-32-bytes-xyz")),
        TAMPERED_PAYLOAD(
                "bad signature",
                () -> SubscriberTokens.tampered(
                        claims(), claims().claim("stream_scope", Map.of()).subject("mallory"))),
        ALG_NONE("algorithm none not accepted", () -> SubscriberTokens.unsigned(claims())),
        ALG_HS512("algorithm HS512 not accepted", () -> SubscriberTokens.hs512(claims())),
        ALG_RS256("algorithm RS256 not accepted", () -> SubscriberTokens.rs256(claims())),
        WRONG_AUDIENCE("wrong audience", () -> SubscriberTokens.hs256(claims().audience("another-service"))),
        NO_AUDIENCE("wrong audience", () -> SubscriberTokens.hs256(claims().audience((String) null))),
        WRONG_ISSUER("wrong issuer", () -> SubscriberTokens.hs256(claims().issuer("https://evil.example.net"))),
        NO_EXPIRY("missing exp", () -> SubscriberTokens.hs256(claims().expirationTime(null))),
        NO_SUBJECT("missing sub", () -> SubscriberTokens.hs256(claims().subject(null))),
        MISSPELT_SCOPE(
                "bad stream_scope",
                () -> SubscriberTokens.hs256(claims().claim("stream_scope", Map.of("severity", List.of("P0"))))),
        NOT_A_JWT("malformed token", () -> "not-a-jwt");

        final String reason;
        final Supplier<String> token;

        BadToken(String reason, Supplier<String> token) {
            this.reason = reason;
            this.token = token;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        ws.start();
    }

    @AfterAll
    static void stop() throws Exception {
        ws.stop();
    }

    // ---- at the upgrade -------------------------------------------------------------------------

    @ParameterizedTest(name = "valid token via {0}")
    @ValueSource(strings = {"header", "query", "subprotocol"})
    void validToken_opensASessionThatReceivesEvents_inEveryForm(String form) throws Exception {
        String token = SubscriberTokens.hs256(claims());
        ClientUpgradeRequest request = new ClientUpgradeRequest(uri(form.equals("query") ? token : null));
        if (form.equals("header")) {
            request.setHeader("Authorization", "Bearer " + token);
        } else if (form.equals("subprotocol")) {
            request.setSubProtocols("incident-stream.bearer", token);
        }
        TestClient client = new TestClient();
        Session session = ws.connect(client, request).get(10, TimeUnit.SECONDS);
        try (client) {
            if (form.equals("subprotocol")) {
                assertThat(session.getUpgradeResponse().getAcceptedSubProtocol())
                        .isEqualTo("incident-stream.bearer");
            }
            assertThat(client.next().path("type").asText()).isEqualTo("welcome");
            client.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\",\"filters\":{}}");
            client.next("subscribed");
            long seq = publishSystemEvent("valid via " + form);
            JsonNode event = client.next("event");
            assertThat(event.path("seq").asLong()).isEqualTo(seq);
        }
    }

    @ParameterizedTest(name = "{0} in the Authorization header")
    @EnumSource(BadToken.class)
    void badTokenInTheHeader_isRefusedAtTheUpgradeWith401_andTheReason(BadToken bad) throws Exception {
        try (RawWire.WebSocket socket =
                new RawWire.WebSocket(SERVER.port(), "/ws", List.of("Authorization: Bearer " + bad.token.get()))) {
            RawWire.Response response = socket.upgrade();
            assertThat(response.status()).as(response.toString()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
            JsonNode error = response.json().path("error");
            assertThat(error.path("code").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(error.path("message").asText()).startsWith("token rejected: " + bad.reason);
        }
    }

    @ParameterizedTest(name = "Authorization: {0}")
    @ValueSource(strings = {"", "Bearer ", "Bearer", "Basic YWxpY2U6c2VjcmV0", "Token abc"})
    void missingTokenInTheHeader_isRefusedAtTheUpgradeWith401(String authorization) throws Exception {
        List<String> headers = authorization.isEmpty() ? List.of() : List.of("Authorization: " + authorization);
        try (RawWire.WebSocket socket = new RawWire.WebSocket(SERVER.port(), "/ws", headers)) {
            RawWire.Response response = socket.upgrade();
            assertThat(response.status()).as(response.toString()).isEqualTo(401);
            JsonNode error = response.json().path("error");
            assertThat(error.path("code").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(error.path("message").asText()).isEqualTo("a subscriber token is required");
        }
    }

    @ParameterizedTest(name = "{0} as the access_token query parameter")
    @EnumSource(BadToken.class)
    void badTokenAsAQueryParameter_isAcceptedThenClosedWith4001_andTheReason(BadToken bad) throws Exception {
        TestClient client = new TestClient();
        ws.connect(client, new ClientUpgradeRequest(uri(bad.token.get()))).get(10, TimeUnit.SECONDS);
        assertClosedForAuthentication(client, "token rejected: " + bad.reason);
    }

    @ParameterizedTest(name = "{0} as a subprotocol")
    @EnumSource(BadToken.class)
    void badTokenAsASubprotocol_isAcceptedWithTheEcho_thenClosedWith4001(BadToken bad) throws Exception {
        ClientUpgradeRequest request = new ClientUpgradeRequest(uri(null));
        request.setSubProtocols("incident-stream.bearer", bad.token.get());
        TestClient client = new TestClient();
        Session session = ws.connect(client, request).get(10, TimeUnit.SECONDS);
        assertThat(session.getUpgradeResponse().getAcceptedSubProtocol()).isEqualTo("incident-stream.bearer");
        assertClosedForAuthentication(client, "token rejected: " + bad.reason);
    }

    @Test
    void emptyTokenTheBrowserWay_isAcceptedThenClosedWith4001() throws Exception {
        TestClient query = new TestClient();
        ws.connect(query, new ClientUpgradeRequest(SERVER.ws("/ws?access_token=")))
                .get(10, TimeUnit.SECONDS);
        assertClosedForAuthentication(query, "a subscriber token is required");

        ClientUpgradeRequest request = new ClientUpgradeRequest(uri(null));
        request.setSubProtocols("incident-stream.bearer");
        TestClient subprotocol = new TestClient();
        ws.connect(subprotocol, request).get(10, TimeUnit.SECONDS);
        assertClosedForAuthentication(subprotocol, "a subscriber token is required");
    }

    @Test
    void everyRefusedToken_isCountedInTheMetrics_whetherAs401OrAs4001() throws Exception {
        double before = refusedUnauthenticated();

        try (RawWire.WebSocket socket = new RawWire.WebSocket(SERVER.port(), "/ws", List.of())) {
            assertThat(socket.upgrade().status()).isEqualTo(401);
        }
        TestClient browser = new TestClient();
        ws.connect(browser, new ClientUpgradeRequest(uri("not-a-jwt"))).get(10, TimeUnit.SECONDS);
        assertClosedForAuthentication(browser, "token rejected: malformed token");

        assertThat(refusedUnauthenticated()).isEqualTo(before + 2);
    }

    private static double refusedUnauthenticated() throws Exception {
        String series = "websocket_upgrades_refused_total{reason=\"unauthenticated\",transport=\"ws\"} ";
        String metrics = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(SERVER.http("/metrics"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        return metrics.lines()
                .filter(line -> line.startsWith(series))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length())))
                .findFirst()
                .orElse(0);
    }

    // ---- during a session -----------------------------------------------------------------------

    @Test
    void shortLivedToken_isClosedWith4001AtItsExpiry_unlessRefreshedWithAFreshTokenFirst() throws Exception {
        String shortLived = SubscriberTokens.hs256(claims(Duration.ofSeconds(3)));
        Instant expiry = expiryOf(shortLived);
        try (TestClient expiring = connect(shortLived);
                TestClient refreshed = connect(shortLived)) {
            subscribeAll(expiring);
            subscribeAll(refreshed);
            String fresh = SubscriberTokens.hs256(claims(Duration.ofHours(2)));
            refreshed.send("{\"type\":\"refresh\",\"token\":\"" + fresh + "\"}");
            JsonNode ack = refreshed.next("refreshed");
            assertThat(Instant.parse(ack.path("expires_at").asText())).isEqualTo(expiryOf(fresh));

            // Both sessions are alive until the expiry: an event published now reaches both.
            long before = publishSystemEvent("before the expiry");
            assertThat(expiring.next("event").path("seq").asLong()).isEqualTo(before);
            assertThat(refreshed.next("event").path("seq").asLong()).isEqualTo(before);

            JsonNode closing = expiring.next("closing");
            Instant closedAt = Instant.now();
            assertThat(closing.path("code").asInt()).isEqualTo(4001);
            assertThat(closing.path("reconnect").asBoolean()).isFalse();
            assertThat(closing.path("reason").asText()).contains("token expired");
            assertThat(expiring.awaitClose()).isEqualTo(4001);
            assertThat(closedAt).as("closed by the expiry, not before it").isAfterOrEqualTo(expiry);

            // The sweep that closed the other has run past the old expiry: the refreshed one is still served.
            refreshed.send("{\"type\":\"ping\",\"timestamp\":\"after the expiry\"}");
            JsonNode pong = refreshed.next();
            assertThat(pong.path("type").asText())
                    .as("no closing for the refreshed session")
                    .isEqualTo("pong");
            assertThat(pong.path("timestamp").asText()).isEqualTo("after the expiry");
            long after = publishSystemEvent("after the expiry");
            assertThat(refreshed.next("event").path("seq").asLong()).isEqualTo(after);
            assertThat(refreshed.isOpen()).isTrue();
        }
    }

    /**
     * Each refused refresh is answered with an error and changes nothing: the session still ends at
     * the expiry of the token it opened with. One session per kind of bad token, all at once, so the
     * whole table waits for one short expiry.
     */
    @Test
    void refreshWithABadToken_isRefused_andTheSessionStillExpiresWith4001() throws Exception {
        Map<BadToken, String> badTokens = new EnumMap<>(BadToken.class);
        for (BadToken bad : BadToken.values()) {
            badTokens.put(bad, bad.token.get());
        }
        // Long enough for 17 sessions to be opened and answered before it runs out.
        String shortLived = SubscriberTokens.hs256(claims(Duration.ofSeconds(6)));
        Instant expiry = expiryOf(shortLived);
        Map<BadToken, TestClient> sessions = new EnumMap<>(BadToken.class);
        List<TestClient> others = new ArrayList<>();
        try {
            for (BadToken bad : BadToken.values()) {
                TestClient client = connect(shortLived);
                sessions.put(bad, client);
                client.send("{\"type\":\"refresh\",\"token\":\"" + badTokens.get(bad) + "\"}");
            }
            TestClient anotherSubject = connect(shortLived);
            others.add(anotherSubject);
            anotherSubject.send("{\"type\":\"refresh\",\"token\":\""
                    + SubscriberTokens.hs256(SubscriberTokens.claims("mallory")) + "\"}");
            TestClient emptyToken = connect(shortLived);
            others.add(emptyToken);
            emptyToken.send("{\"type\":\"refresh\",\"token\":\"\"}");
            TestClient noToken = connect(shortLived);
            others.add(noToken);
            noToken.send("{\"type\":\"refresh\"}");

            for (Map.Entry<BadToken, TestClient> entry : sessions.entrySet()) {
                JsonNode error = entry.getValue().next();
                assertThat(error.path("type").asText())
                        .as(entry.getKey() + ": " + error)
                        .isEqualTo("error");
                assertThat(error.path("code").asText())
                        .as(entry.getKey().name())
                        .isEqualTo("FORBIDDEN");
                assertThat(error.path("message").asText())
                        .as(entry.getKey().name())
                        .startsWith("token rejected: " + entry.getKey().reason);
            }
            JsonNode other = anotherSubject.next();
            assertThat(other.path("code").asText()).as(other.toString()).isEqualTo("FORBIDDEN");
            assertThat(other.path("message").asText()).contains("another subject");
            JsonNode empty = emptyToken.next();
            assertThat(empty.path("code").asText()).as(empty.toString()).isEqualTo("INVALID_MESSAGE");
            JsonNode missing = noToken.next();
            assertThat(missing.path("code").asText()).as(missing.toString()).isEqualTo("INVALID_MESSAGE");
            assertThat(missing.path("message").asText()).contains("token");

            List<TestClient> all = new ArrayList<>(sessions.values());
            all.addAll(others);
            for (TestClient client : all) {
                // A refused refresh is a client error: the session carries on until its own expiry.
                client.send("{\"type\":\"ping\",\"timestamp\":\"still open\"}");
                assertThat(client.next().path("type").asText()).isEqualTo("pong");
            }
            for (TestClient client : all) {
                JsonNode closing = client.next("closing");
                assertThat(closing.path("code").asInt()).isEqualTo(4001);
                assertThat(client.awaitClose()).isEqualTo(4001);
            }
            assertThat(Instant.now()).isAfterOrEqualTo(expiry);
        } finally {
            sessions.values().forEach(TestClient::close);
            others.forEach(TestClient::close);
        }
    }

    @Test
    void refreshWithAValidTokenOfTheSameSubject_extendsTheSession_andIsAcknowledgedWithItsExpiry() throws Exception {
        try (TestClient client = connect(SubscriberTokens.hs256(claims()))) {
            String fresh = SubscriberTokens.hs256(claims(Duration.ofHours(5)));
            client.send("{\"type\":\"refresh\",\"token\":\"" + fresh + "\"}");
            JsonNode refreshed = client.next();
            assertThat(refreshed.path("type").asText()).isEqualTo("refreshed");
            assertThat(Instant.parse(refreshed.path("expires_at").asText())).isEqualTo(expiryOf(fresh));
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static Instant now() {
        return Instant.now();
    }

    private static JWTClaimsSet.Builder claims() {
        return SubscriberTokens.claims(SUBJECT);
    }

    private static JWTClaimsSet.Builder claims(Duration lifetime) {
        return SubscriberTokens.claims(SUBJECT, lifetime);
    }

    private static Instant expiryOf(String token) throws Exception {
        return com.nimbusds.jwt.JWTParser.parse(token)
                .getJWTClaimsSet()
                .getExpirationTime()
                .toInstant();
    }

    private static URI uri(String accessToken) {
        return SERVER.ws("/ws"
                + (accessToken == null
                        ? ""
                        : "?access_token=" + URLEncoder.encode(accessToken, StandardCharsets.UTF_8)));
    }

    private static TestClient connect(String token) throws Exception {
        ClientUpgradeRequest request = new ClientUpgradeRequest(uri(null));
        request.setHeader("Authorization", "Bearer " + token);
        TestClient client = new TestClient();
        ws.connect(client, request).get(10, TimeUnit.SECONDS);
        assertThat(client.next().path("type").asText()).isEqualTo("welcome");
        return client;
    }

    private static void subscribeAll(TestClient client) throws Exception {
        client.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\",\"filters\":{}}");
        client.next("subscribed");
    }

    /** A browser-style refusal: the upgrade succeeded, then {@code closing} with 4001 and nothing else. */
    private static void assertClosedForAuthentication(TestClient client, String reason) throws Exception {
        JsonNode closing = client.next();
        assertThat(closing.path("type").asText())
                .as("the first and only message: " + closing)
                .isEqualTo("closing");
        assertThat(closing.path("code").asInt()).isEqualTo(4001);
        assertThat(closing.path("reconnect").asBoolean()).isFalse();
        assertThat(closing.path("reason").asText()).startsWith(reason);
        assertThat(client.awaitClose()).isEqualTo(4001);
    }

    private static long publishSystemEvent(String message) throws Exception {
        RawWire.Response response = RawWire.request(
                SERVER.port(),
                "POST /api/v1/events",
                List.of("Authorization: Bearer " + API_KEY, "Content-Type: application/json"),
                ("{\"event_type\":\"system_event\",\"category\":\"auth-test\",\"message\":\"" + message + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return response.json().path("seqs").get(0).asLong();
    }
}
