package io.incidentstream.bootstrap;

import static io.incidentstream.bootstrap.MixedStream.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.bootstrap.ScopeModel.Attrs;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two subscribers with different token scopes ({@code sources: [payments]} and
 * {@code severities: [P0, P1]}) and broad filters each receive exactly their part of a mixed stream
 * published over HTTP ({@link MixedStream}): live (with the token in the header, the query
 * parameter and the subprotocol), after a resume, in snapshots, and through
 * {@code GET /api/v1/incidents}, each path a test of its own on a server of its own. What each
 * should get is computed from what was published, with the documented rule: an event matches when
 * what it is about matches the scope just before or just after it, and the incident it carries
 * besides (an {@code alert_converted}'s) matches it too.
 */
class ScopeIsolationTest {

    private static final String API_KEY = "publisher-key-for-scope-tests-0001";
    private static final Predicate<Attrs> PAYMENTS =
            a -> a != null && a.source().equals("payments");
    private static final Predicate<Attrs> URGENT =
            a -> a != null && Set.of("P0", "P1").contains(a.severity());

    private static final String PAYMENTS_TOKEN =
            SubscriberTokens.hs256(SubscriberTokens.scoped("payments-team", Map.of("sources", List.of("payments"))));
    private static final String URGENT_TOKEN =
            SubscriberTokens.hs256(SubscriberTokens.scoped("oncall", Map.of("severities", List.of("P0", "P1"))));
    private static final String UNSCOPED_TOKEN = SubscriberTokens.hs256(SubscriberTokens.claims("auditor"));

    @RegisterExtension
    final RunningServer server = new RunningServer(Map.of(
            "jwt_hs256_secret",
            SubscriberTokens.SECRET,
            "api_keys",
            API_KEY,
            "protect_read_endpoints",
            "true",
            "snapshot_page_size",
            "2",
            "heartbeat_interval_secs",
            "3600"));

    private final WebSocketClient ws = new WebSocketClient();

    @RegisterExtension
    final ClientsPerTest clients = new ClientsPerTest(ws);

    private MixedStream stream;
    private ScopeModel model;

    @BeforeEach
    void start() throws Exception {
        stream = new MixedStream(server.port(), API_KEY);
        model = stream.model;
    }

    @Test
    void eachScopeGetsExactlyItsPartLive_withTheTokenInTheHeader_theQueryAndTheSubprotocol() throws Exception {
        try (TestClient payments = connectWithHeader(PAYMENTS_TOKEN);
                TestClient urgent = connectWithHeader(URGENT_TOKEN);
                TestClient paymentsByQuery = connectWithQuery(PAYMENTS_TOKEN);
                TestClient urgentBySubprotocol = connectWithSubprotocol(URGENT_TOKEN);
                TestClient unscoped = connectWithHeader(UNSCOPED_TOKEN)) {
            for (TestClient client : List.of(payments, urgent, paymentsByQuery, urgentBySubprotocol, unscoped)) {
                client.next("welcome");
                subscribeBroadly(client, null);
            }

            stream.phase1();
            long marker1 = stream.marker();

            List<Long> forPayments = model.expected(PAYMENTS, 0, marker1);
            List<Long> forUrgent = model.expected(URGENT, 0, marker1);
            List<Long> forEveryone = model.expected(a -> true, 0, marker1);
            assertThat(forPayments)
                    .as("a mixed stream: each scope sees part of it")
                    .isNotEmpty()
                    .hasSizeLessThan(forEveryone.size());
            assertThat(forUrgent).isNotEmpty().hasSizeLessThan(forEveryone.size());
            assertThat(forPayments).as("the parts differ").isNotEqualTo(forUrgent);

            assertThat(receiveUntil(payments, marker1)).as("payments (header)").isEqualTo(forPayments);
            assertThat(receiveUntil(paymentsByQuery, marker1))
                    .as("payments (query)")
                    .isEqualTo(forPayments);
            assertThat(receiveUntil(urgent, marker1)).as("urgent (header)").isEqualTo(forUrgent);
            assertThat(receiveUntil(urgentBySubprotocol, marker1))
                    .as("urgent (subprotocol)")
                    .isEqualTo(forUrgent);
            // The unscoped control sees what no scope lets through as well: system events, unknown incidents.
            assertThat(receiveUntil(unscoped, marker1)).isEqualTo(model.allSeqs(0, marker1));
        }
    }

    @Test
    void eachScopeGetsExactlyItsPartAfterAResume() throws Exception {
        String epoch;
        try (TestClient client = connectWithHeader(PAYMENTS_TOKEN)) {
            epoch = client.next("welcome").path("epoch").asText();
        }
        stream.phase1();
        long marker1 = stream.marker();
        // While both are away, more of the mixed stream.
        stream.phase2();
        long marker2Before = model.lastSeq();

        try (TestClient payments = connectWithHeader(PAYMENTS_TOKEN);
                TestClient urgent = connectWithHeader(URGENT_TOKEN)) {
            payments.next("welcome");
            urgent.next("welcome");
            JsonNode paymentsResumed =
                    subscribeBroadly(payments, ",\"since\":" + marker1 + ",\"epoch\":\"" + epoch + "\"");
            JsonNode urgentResumed = subscribeBroadly(urgent, ",\"since\":" + marker1 + ",\"epoch\":\"" + epoch + "\"");
            List<Long> missedByPayments = model.expected(PAYMENTS, marker1, marker2Before);
            List<Long> missedByUrgent = model.expected(URGENT, marker1, marker2Before);
            assertThat(missedByPayments).isNotEmpty().isNotEqualTo(missedByUrgent);
            assertThat(missedByUrgent).isNotEmpty();
            assertThat(paymentsResumed.path("recovered").asBoolean()).isTrue();
            assertThat(paymentsResumed.path("replayed").asLong()).isEqualTo(missedByPayments.size());
            assertThat(urgentResumed.path("recovered").asBoolean()).isTrue();
            assertThat(urgentResumed.path("replayed").asLong()).isEqualTo(missedByUrgent.size());

            long marker2 = stream.marker();
            List<Long> paymentsThen = new ArrayList<>(missedByPayments);
            paymentsThen.add(marker2);
            List<Long> urgentThen = new ArrayList<>(missedByUrgent);
            urgentThen.add(marker2);
            assertThat(receiveUntil(payments, marker2))
                    .as("payments after resume")
                    .isEqualTo(paymentsThen);
            assertThat(receiveUntil(urgent, marker2)).as("urgent after resume").isEqualTo(urgentThen);
        }
    }

    /** Snapshots: only the incidents within scope, as they are now. */
    @Test
    void eachScopeGetsExactlyItsPartInSnapshots() throws Exception {
        Incidents within = publishTheWholeStream();
        Set<String> paymentsIncidents = within.payments();
        Set<String> urgentIncidents = within.urgent();
        assertThat(snapshot(PAYMENTS_TOKEN)).as("payments snapshot").isEqualTo(paymentsIncidents);
        assertThat(snapshot(URGENT_TOKEN)).as("urgent snapshot").isEqualTo(urgentIncidents);
        assertThat(snapshot(UNSCOPED_TOKEN)).as("unscoped snapshot").isEqualTo(model.incidentsWithin(a -> true));
    }

    /** The read API, protected, narrowed by the token the same way. */
    @Test
    void eachScopeGetsExactlyItsPartFromTheReadApi() throws Exception {
        Incidents within = publishTheWholeStream();
        Set<String> paymentsIncidents = within.payments();
        Set<String> urgentIncidents = within.urgent();
        assertThat(readIncidents(PAYMENTS_TOKEN, ""))
                .as("GET with the payments token")
                .isEqualTo(paymentsIncidents);
        assertThat(readIncidents(URGENT_TOKEN, ""))
                .as("GET with the urgent token")
                .isEqualTo(urgentIncidents);
        assertThat(readIncidents(API_KEY, "")).as("GET with the API key").isEqualTo(model.incidentsWithin(a -> true));
        assertThat(readIncidents(PAYMENTS_TOKEN, "?severity=P3"))
                .isEqualTo(model.incidentsWithin(PAYMENTS.and(a -> a.severity().equals("P3"))))
                .isNotEmpty();
        assertThat(readIncidents(URGENT_TOKEN, "?source=payments"))
                .isEqualTo(model.incidentsWithin(URGENT.and(PAYMENTS)));
        assertThat(readIncidents(PAYMENTS_TOKEN, "?source=checkout")).isEmpty();
        for (String id : model.incidentsWithin(a -> true)) {
            int paymentsStatus = read(PAYMENTS_TOKEN, "/api/v1/incidents/" + id).status();
            int urgentStatus = read(URGENT_TOKEN, "/api/v1/incidents/" + id).status();
            assertThat(paymentsStatus).as("payments reads " + id).isEqualTo(paymentsIncidents.contains(id) ? 200 : 404);
            assertThat(urgentStatus).as("urgent reads " + id).isEqualTo(urgentIncidents.contains(id) ? 200 : 404);
        }
        assertThat(read(null, "/api/v1/incidents").status()).isEqualTo(401);
        assertThat(read("not-a-token-nor-a-key", "/api/v1/incidents").status()).isEqualTo(403);
        assertThat(read(PAYMENTS_TOKEN, "/metrics").status())
                .as("tokens do not read metrics")
                .isEqualTo(403);
    }

    /** The incidents within each scope. */
    private record Incidents(Set<String> payments, Set<String> urgent) {}

    /** Publishes the whole mixed stream: the incidents within each scope are some, and not the same. */
    private Incidents publishTheWholeStream() throws Exception {
        stream.all();
        Incidents within = new Incidents(model.incidentsWithin(PAYMENTS), model.incidentsWithin(URGENT));
        assertThat(within.payments()).isNotEmpty().isNotEqualTo(within.urgent());
        assertThat(within.urgent()).isNotEmpty();
        return within;
    }

    @Test
    void aSubscriptionForOnlyWhatTheScopeExcludes_isForbidden_butAnOverlappingOneIsNarrowed() throws Exception {
        try (TestClient payments = connectWithHeader(PAYMENTS_TOKEN);
                TestClient urgent = connectWithHeader(URGENT_TOKEN)) {
            payments.next("welcome");
            urgent.next("welcome");
            payments.send(
                    "{\"type\":\"subscribe\",\"subscription_id\":\"checkout\",\"filters\":{\"sources\":[\"checkout\"]}}");
            JsonNode forbidden = payments.next();
            assertThat(forbidden.path("type").asText()).isEqualTo("error");
            assertThat(forbidden.path("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(forbidden.path("subscription_id").asText()).isEqualTo("checkout");

            urgent.send(
                    "{\"type\":\"subscribe\",\"subscription_id\":\"low\",\"filters\":{\"severities\":[\"P3\",\"P4\"]}}");
            JsonNode alsoForbidden = urgent.next();
            assertThat(alsoForbidden.path("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(alsoForbidden.path("subscription_id").asText()).isEqualTo("low");

            // P1 or P3 overlaps P0/P1: allowed, and narrowed to P1.
            urgent.send(
                    "{\"type\":\"subscribe\",\"subscription_id\":\"p1p3\",\"filters\":{\"severities\":[\"P1\",\"P3\"]}}");
            assertThat(urgent.next().path("type").asText()).isEqualTo("subscribed");
            stream.publish("[" + model.incidentCreated(id(), "checkout", "P3") + ","
                    + model.incidentCreated(id(), "checkout", "P1") + "]");
            long p1 = model.lastSeq();
            JsonNode event = urgent.next();
            assertThat(event.path("seq").asLong()).as("the P3 never came").isEqualTo(p1);
            assertThat(event.path("subscription_ids")).hasSize(1);
        }
    }

    @Test
    void anExpiredToken_isRefusedWith401InTheHeader_andWithClosing4001AsAQueryParameter() throws Exception {
        String expired =
                SubscriberTokens.hs256(SubscriberTokens.scoped("payments-team", Map.of("sources", List.of("payments")))
                        .issueTime(Date.from(java.time.Instant.now().minusSeconds(7200)))
                        .expirationTime(Date.from(java.time.Instant.now().minusSeconds(3600))));
        try (RawWire.WebSocket raw =
                new RawWire.WebSocket(server.port(), "/ws", List.of("Authorization: Bearer " + expired))) {
            assertThat(raw.upgrade().status()).isEqualTo(401);
            assertThat(raw.upgrade().json().path("error").path("message").asText())
                    .contains("token expired");
        }
        TestClient client = new TestClient();
        ws.connect(client, new ClientUpgradeRequest(queryUri(expired))).get(10, TimeUnit.SECONDS);
        JsonNode closing = client.next();
        assertThat(closing.path("type").asText()).isEqualTo("closing");
        assertThat(closing.path("code").asInt()).isEqualTo(4001);
        assertThat(closing.path("reason").asText()).contains("token expired");
        assertThat(client.awaitClose()).isEqualTo(4001);
    }

    /**
     * A refresh replaces the session's access, scope included: a narrower scope applies at once to
     * the subscriptions already made, not only to later ones, so that cutting a holder's rights takes
     * effect at its next refresh.
     */
    @Test
    void aRefreshWithANarrowerScope_narrowsTheSubscriptionsAlreadyMade() throws Exception {
        try (TestClient payments = connectWithHeader(PAYMENTS_TOKEN)) {
            payments.next("welcome");
            subscribeBroadly(payments, null);
            String narrower = SubscriberTokens.hs256(SubscriberTokens.scoped(
                    "payments-team", Map.of("sources", List.of("payments"), "severities", List.of("P0"))));
            payments.send("{\"type\":\"refresh\",\"token\":\"" + narrower + "\"}");
            assertThat(payments.next().path("type").asText()).isEqualTo("refreshed");
            payments.send("{\"type\":\"subscribe\",\"subscription_id\":\"after\",\"filters\":{}}");
            assertThat(payments.next().path("type").asText()).isEqualTo("subscribed");

            stream.publish("[" + model.incidentCreated(id(), "payments", "P3") + ","
                    + model.incidentCreated(id(), "payments", "P0") + "]");
            JsonNode first = payments.next();
            assertThat(first.path("seq").asLong())
                    .as("the P3 payments incident is outside the new scope: " + first)
                    .isEqualTo(model.lastSeq());
            assertThat(ids(first)).containsExactlyInAnyOrder("everything", "after");
        }
    }

    private static List<String> ids(JsonNode event) {
        List<String> ids = new ArrayList<>();
        event.path("subscription_ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    // ---- reading ----------------------------------------------------------------------------------

    private RawWire.Response read(String credential, String path) throws Exception {
        return RawWire.request(
                server.port(),
                "GET " + path,
                credential == null ? List.of() : List.of("Authorization: Bearer " + credential),
                null);
    }

    private Set<String> readIncidents(String credential, String query) throws Exception {
        RawWire.Response response = read(credential, "/api/v1/incidents" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        Set<String> found = new TreeSet<>();
        response.json()
                .path("incidents")
                .forEach(incident -> found.add(incident.path("id").asText()));
        assertThat(response.json().path("count").asInt()).isEqualTo(found.size());
        return found;
    }

    /** Subscribes with {@code {}} and {@code snapshot: true}; the union of the pages, then a live marker. */
    private Set<String> snapshot(String token) throws Exception {
        try (TestClient client = connectWithHeader(token)) {
            client.next("welcome");
            client.send("{\"type\":\"subscribe\",\"subscription_id\":\"snap\",\"filters\":{},\"snapshot\":true}");
            JsonNode subscribed = client.next();
            assertThat(subscribed.path("type").asText()).isEqualTo("subscribed");
            long s = subscribed.path("seq").asLong();
            Set<String> ids = new TreeSet<>();
            while (true) {
                JsonNode page = client.next();
                assertThat(page.path("type").asText()).as(page.toString()).isEqualTo("snapshot");
                assertThat(page.path("seq").asLong()).isEqualTo(s);
                assertThat(page.path("incidents").size()).isLessThanOrEqualTo(2);
                page.path("incidents")
                        .forEach(incident -> assertThat(
                                        ids.add(incident.path("id").asText()))
                                .as("no incident twice")
                                .isTrue());
                if (page.path("last").asBoolean()) {
                    return ids;
                }
            }
        }
    }

    private static JsonNode subscribeBroadly(TestClient client, String resume) throws Exception {
        client.send("{\"type\":\"subscribe\",\"subscription_id\":\"everything\",\"filters\":{}"
                + (resume == null ? "" : resume) + "}");
        JsonNode subscribed = client.next();
        assertThat(subscribed.path("type").asText()).as(subscribed.toString()).isEqualTo("subscribed");
        return subscribed;
    }

    /**
     * Every message up to the event with seq {@code marker}; each must be an event for the broad
     * subscription, in increasing seq order and never twice. Returns the seqs, the marker included.
     */
    private static List<Long> receiveUntil(TestClient client, long marker) throws Exception {
        List<Long> seqs = new ArrayList<>();
        while (true) {
            JsonNode message = client.next();
            assertThat(message.path("type").asText()).as(message.toString()).isEqualTo("event");
            assertThat(message.path("subscription_ids").toString()).isEqualTo("[\"everything\"]");
            long seq = message.path("seq").asLong();
            assertThat(seq)
                    .as("in order, once; after " + seqs)
                    .isGreaterThan(seqs.isEmpty() ? 0 : seqs.get(seqs.size() - 1));
            assertThat(seq)
                    .as("the marker %d was skipped; got %s", marker, seqs)
                    .isLessThanOrEqualTo(marker);
            seqs.add(seq);
            if (seq == marker) {
                return seqs;
            }
        }
    }

    // ---- connecting -------------------------------------------------------------------------------

    private TestClient connectWithHeader(String token) throws Exception {
        ClientUpgradeRequest request = new ClientUpgradeRequest(server.ws());
        request.setHeader("Authorization", "Bearer " + token);
        TestClient client = new TestClient();
        ws.connect(client, request).get(10, TimeUnit.SECONDS);
        return client;
    }

    private TestClient connectWithQuery(String token) throws Exception {
        TestClient client = new TestClient();
        ws.connect(client, new ClientUpgradeRequest(queryUri(token))).get(10, TimeUnit.SECONDS);
        return client;
    }

    private TestClient connectWithSubprotocol(String token) throws Exception {
        ClientUpgradeRequest request = new ClientUpgradeRequest(server.ws());
        request.setSubProtocols("incident-stream.bearer", token);
        TestClient client = new TestClient();
        Session session = ws.connect(client, request).get(10, TimeUnit.SECONDS);
        assertThat(session.getUpgradeResponse().getAcceptedSubProtocol()).isEqualTo("incident-stream.bearer");
        return client;
    }

    private java.net.URI queryUri(String token) {
        return server.ws("/ws?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }
}
