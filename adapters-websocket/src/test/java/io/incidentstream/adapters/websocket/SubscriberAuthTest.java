package io.incidentstream.adapters.websocket;

import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.adapters.websocket.testing.WebSocketServerFixture;
import io.incidentstream.application.access.AccessControl;
import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.fakes.TokenTable;
import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.port.out.Access;
import io.incidentstream.application.port.out.PublisherKeys;
import io.incidentstream.application.port.out.TokenVerifier;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Severity;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Subscriber tokens at the upgrade and during the session, over a real server. Token checking
 * itself is a port (tested with the JWT adapter); here a table of known tokens stands in for it.
 */
class SubscriberAuthTest {

    private static final Filter P0_ONLY =
            new Filter(Set.of(), Set.of(Severity.P0), Set.of(), Set.of(), Set.of(), Map.of(), Set.of());

    private final FakeClock clock = new FakeClock();
    private WebSocketServerFixture server;

    /** "all" sees everything until T+1h, "p0" sees P0 only, "short" expires in a minute; anything else is refused. */
    private final TokenVerifier tokens = new TokenTable()
            .grant("all", () -> new Access("ann", null, clock.instant().plus(Duration.ofHours(1))))
            .grant("all-again", () -> new Access("ann", null, clock.instant().plus(Duration.ofHours(2))))
            .grant("p0", () -> new Access("bob", P0_ONLY, clock.instant().plus(Duration.ofHours(1))))
            .grant("ann-p0", () -> new Access("ann", P0_ONLY, clock.instant().plus(Duration.ofHours(1))))
            .grant("short", () -> new Access("ann", null, clock.instant().plus(Duration.ofMinutes(1))));

    @BeforeEach
    void start() throws Exception {
        server = new WebSocketServerFixture(
                StreamSettings.defaults(),
                true,
                clock,
                List.of(),
                List.of("https://ops.example.com"),
                new AccessControl(PublisherKeys.NONE, tokens));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void badOrMissingTokenInAHeader_isRefusedAtTheUpgradeWith401() throws Exception {
        assertThat(upgradeStatus(request("Bearer forged"))).isEqualTo(401);
        assertThat(upgradeStatus(request(null))).isEqualTo(401);
    }

    @Test
    void badTokenGivenTheBrowserWay_getsClosingAnd4001_soItCanTellLoginFromNetwork() throws Exception {
        TestClient client = new TestClient();
        server.client()
                .connect(client, new ClientUpgradeRequest(URI.create(server.uri() + "?access_token=forged")))
                .get(10, TimeUnit.SECONDS);
        JsonNode closing = client.next();
        assertThat(closing.path("type").asText()).isEqualTo("closing");
        assertThat(closing.path("code").asInt()).isEqualTo(CloseCode.UNAUTHENTICATED.code());
        assertThat(closing.path("reconnect").asBoolean()).isFalse();
        assertThat(closing.path("reason").asText()).contains("bad signature");
        assertThat(client.awaitClose()).isEqualTo(CloseCode.UNAUTHENTICATED.code());
    }

    @Test
    void tokenAsASubprotocol_isAccepted_andTheSubprotocolEchoed() throws Exception {
        ClientUpgradeRequest request = new ClientUpgradeRequest(server.uri());
        request.setSubProtocols("incident-stream.bearer", "all");
        TestClient client = new TestClient();
        Session session = server.client().connect(client, request).get(10, TimeUnit.SECONDS);
        assertThat(session.getUpgradeResponse().getAcceptedSubProtocol()).isEqualTo("incident-stream.bearer");
        assertThat(client.next().path("type").asText()).isEqualTo("welcome");
        client.close();
    }

    @Test
    void scopedSubscriber_withABroadFilter_seesOnlyItsScope() throws Exception {
        try (TestClient scoped = connect("Bearer p0");
                TestClient full = connect("Bearer all")) {
            StreamEndpointTest.subscribe(scoped, "everything", "{}");
            StreamEndpointTest.subscribe(full, "everything", "{}");
            server.publish(new IncidentCreated(incident().severity(Severity.P2).build()));
            long p0 = server.publish(
                            new IncidentCreated(incident().severity(Severity.P0).build()))
                    .seq();
            assertThat(full.next("event")
                            .path("event")
                            .path("incident")
                            .path("severity")
                            .asText())
                    .isEqualTo("P2");
            assertThat(scoped.next("event").path("seq").asLong())
                    .as("the P2 never reached it")
                    .isEqualTo(p0);
        }
    }

    @Test
    void subscriptionForOnlyWhatTheScopeExcludes_isForbidden() throws Exception {
        try (TestClient scoped = connect("Bearer p0")) {
            scoped.send("{\"type\":\"subscribe\",\"subscription_id\":\"p3\",\"filters\":{\"severities\":[\"P3\"]}}");
            JsonNode error = scoped.next("error");
            assertThat(error.path("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(error.path("subscription_id").asText()).isEqualTo("p3");
        }
    }

    @Test
    void expiringToken_closesWith4001_unlessRefreshedInTime() throws Exception {
        try (TestClient refreshed = connect("Bearer short");
                TestClient expiring = connect("Bearer short")) {
            refreshed.send("{\"type\":\"refresh\",\"token\":\"all-again\"}");
            JsonNode ack = refreshed.next("refreshed");
            assertThat(ack.path("expires_at").asText()).endsWith("Z");

            clock.advance(Duration.ofMinutes(2));
            server.stream().maintenance().closeExpiredSessions();

            JsonNode closing = expiring.next("closing");
            assertThat(closing.path("code").asInt()).isEqualTo(CloseCode.UNAUTHENTICATED.code());
            assertThat(expiring.awaitClose()).isEqualTo(CloseCode.UNAUTHENTICATED.code());
            refreshed.send("{\"type\":\"ping\",\"timestamp\":\"still here\"}");
            assertThat(refreshed.next("pong").path("timestamp").asText()).isEqualTo("still here");
        }
    }

    @Test
    void refreshWithABadTokenOrAnotherSubject_isAnError_andTheSessionKeepsItsExpiry() throws Exception {
        try (TestClient client = connect("Bearer all")) {
            client.send("{\"type\":\"refresh\",\"token\":\"forged\"}");
            assertThat(client.next("error").path("code").asText()).isEqualTo("FORBIDDEN");
            client.send("{\"type\":\"refresh\",\"token\":\"p0\"}");
            assertThat(client.next("error").path("message").asText()).contains("another subject");
        }
    }

    @Test
    void refreshWithANarrowerScope_narrowsTheSubscriptionsAlreadyMade() throws Exception {
        try (TestClient client = connect("Bearer all")) {
            StreamEndpointTest.subscribe(client, "everything", "{}");
            client.send("{\"type\":\"refresh\",\"token\":\"ann-p0\"}");
            client.next("refreshed");
            server.publish(new IncidentCreated(incident().severity(Severity.P2).build()));
            long p0 = server.publish(
                            new IncidentCreated(incident().severity(Severity.P0).build()))
                    .seq();
            assertThat(client.next("event").path("seq").asLong())
                    .as("the P2 is outside the new scope")
                    .isEqualTo(p0);
        }
    }

    @Test
    void browserFromAnOriginNotAllowed_isRefusedWith403_butProgramsWithoutOriginPass() throws Exception {
        ClientUpgradeRequest foreign = request("Bearer all");
        foreign.setHeader("Origin", "https://evil.example.net");
        assertThat(upgradeStatus(foreign)).isEqualTo(403);

        ClientUpgradeRequest ours = request("Bearer all");
        ours.setHeader("Origin", "https://ops.example.com");
        TestClient allowed = new TestClient();
        server.client().connect(allowed, ours).get(10, TimeUnit.SECONDS);
        assertThat(allowed.next().path("type").asText()).isEqualTo("welcome");
        allowed.close();
    }

    private ClientUpgradeRequest request(String authorization) {
        ClientUpgradeRequest request = new ClientUpgradeRequest(server.uri());
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
        return request;
    }

    private TestClient connect(String authorization) throws Exception {
        TestClient client = new TestClient();
        server.client().connect(client, request(authorization)).get(10, TimeUnit.SECONDS);
        client.next("welcome");
        return client;
    }

    private int upgradeStatus(ClientUpgradeRequest request) throws Exception {
        try {
            server.client().connect(new TestClient(), request).get(10, TimeUnit.SECONDS);
            throw new AssertionError("the upgrade was accepted");
        } catch (ExecutionException e) {
            return ((UpgradeException) e.getCause()).getResponseStatusCode();
        }
    }
}
