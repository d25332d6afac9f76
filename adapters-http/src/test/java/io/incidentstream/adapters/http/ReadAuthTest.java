package io.incidentstream.adapters.http;

import static io.incidentstream.adapters.http.Credentials.KEY;
import static io.incidentstream.adapters.http.Credentials.OTHER_KEY;
import static io.incidentstream.adapters.http.Credentials.TOKEN_ALL;
import static io.incidentstream.adapters.http.Credentials.TOKEN_EXPIRED;
import static io.incidentstream.adapters.http.Credentials.TOKEN_P0;
import static io.incidentstream.adapters.http.Credentials.TOKEN_PAYMENTS;
import static io.incidentstream.adapters.http.Credentials.bearer;
import static io.incidentstream.adapters.http.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.application.port.in.AuthenticationUseCase;
import io.incidentstream.application.port.in.Publication;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.fixtures.TestIncidents;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code protect_read_endpoints}: the read API (incidents, stats, metrics) behind publisher keys and
 * subscriber tokens, a token's scope narrowing what it reads, and health always open.
 */
class ReadAuthTest {

    private static final HttpSettings PROTECTED = TestApi.SETTINGS.withProtectReadEndpoints(true);
    private static final List<String> READS = List.of("/api/v1/incidents", "/api/v1/stats", "/metrics");
    private static final List<String> HEALTH = List.of("/health", "/health/live", "/health/ready");

    private TestApi api;
    private Incident p0Payments;
    private Incident p0Search;
    private Incident p1Payments;
    private Incident p2Search;

    private void start(AuthenticationUseCase authentication, HttpSettings settings) throws Exception {
        api = TestApi.startWithAuthentication(authentication, settings);
        p0Payments = TestIncidents.incident()
                .severity(Severity.P0)
                .state(IncidentState.DETECTED)
                .source("prometheus")
                .labels(Map.of("team", "payments"))
                .build();
        p0Search = TestIncidents.incident()
                .severity(Severity.P0)
                .state(IncidentState.TRIAGED)
                .source("grafana")
                .labels(Map.of("team", "search"))
                .build();
        p1Payments = TestIncidents.incident()
                .severity(Severity.P1)
                .state(IncidentState.DETECTED)
                .source("prometheus")
                .labels(Map.of("team", "payments"))
                .build();
        p2Search = TestIncidents.incident()
                .severity(Severity.P2)
                .state(IncidentState.RESOLVED)
                .source("grafana")
                .labels(Map.of("team", "search"))
                .build();
        for (Incident incident : List.of(p0Payments, p0Search, p1Payments, p2Search)) {
            api.stream.publisher().publish(Publication.of(new IncidentCreated(incident)));
        }
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void unprotected_readsAreOpenAndUnscoped_evenWithAToken() throws Exception {
        start(Credentials.keysAndTokens(), TestApi.SETTINGS);

        for (String path : READS) {
            assertThat(api.get(path).getStatus()).as(path).isEqualTo(200);
        }
        assertThat(api.get("/api/v1/incidents/" + p1Payments.id()).getStatus()).isEqualTo(200);
        assertThat(ids(api.get("/api/v1/incidents", bearer(TOKEN_P0))))
                .containsExactlyInAnyOrder(p0Payments.id(), p0Search.id(), p1Payments.id(), p2Search.id());
        assertThat(api.get("/metrics", bearer("garbage")).getStatus()).isEqualTo(200);
    }

    @Test
    void protected_withoutCredentials_is401WithWwwAuthenticate() throws Exception {
        start(Credentials.keysAndTokens(), PROTECTED);

        for (String path : withIncidentById(READS)) {
            ContentResponse response = api.get(path);

            assertError(response, 401, "UNAUTHENTICATED");
            assertThat(response.getHeaders().get("WWW-Authenticate")).as(path).isEqualTo("Bearer");
        }
        // Credentials in the query string are not credentials (and unknown parameters are not read first).
        assertError(api.get("/api/v1/stats?access_token=" + TOKEN_ALL), 401, "UNAUTHENTICATED");
        assertError(api.get("/api/v1/incidents?access_token=" + TOKEN_ALL), 401, "UNAUTHENTICATED");
        assertError(api.get("/api/v1/incidents", "Basic " + KEY), 401, "UNAUTHENTICATED");
    }

    @Test
    void protected_withBadCredentials_is403() throws Exception {
        start(Credentials.keysAndTokens(), PROTECTED);

        for (String path : withIncidentById(READS)) {
            assertError(api.get(path, bearer(OTHER_KEY)), 403, "FORBIDDEN");
            assertError(api.get(path, bearer(TOKEN_EXPIRED)), 403, "FORBIDDEN");
        }
        ContentResponse expired = api.get("/api/v1/incidents", bearer(TOKEN_EXPIRED));
        assertThat(TestApi.json(expired).at("/error/message").textValue()).contains("token expired");
        assertThat(expired.getHeaders().get("WWW-Authenticate")).isNull();
    }

    @Test
    void protected_publisherKey_readsEverything() throws Exception {
        start(Credentials.keysAndTokens(), PROTECTED);

        assertThat(ids(api.get("/api/v1/incidents", bearer(KEY))))
                .containsExactlyInAnyOrder(p0Payments.id(), p0Search.id(), p1Payments.id(), p2Search.id());
        assertThat(api.get("/api/v1/incidents/" + p2Search.id(), bearer(KEY)).getStatus())
                .isEqualTo(200);
        assertThat(TestApi.json(api.get("/api/v1/stats", bearer(KEY)))
                        .get("last_seq")
                        .longValue())
                .isEqualTo(4);
        ContentResponse metrics = api.get("/metrics", bearer(KEY));
        assertThat(metrics.getStatus()).isEqualTo(200);
        assertThat(metrics.getContentAsString()).isEqualTo(TestApi.METRICS.scrape());
    }

    @Test
    void protected_unscopedToken_readsEverything_butNotMetrics() throws Exception {
        start(Credentials.keysAndTokens(), PROTECTED);

        assertThat(ids(api.get("/api/v1/incidents", bearer(TOKEN_ALL))))
                .containsExactlyInAnyOrder(p0Payments.id(), p0Search.id(), p1Payments.id(), p2Search.id());
        assertThat(api.get("/api/v1/stats", bearer(TOKEN_ALL)).getStatus()).isEqualTo(200);
        ContentResponse metrics = api.get("/metrics", bearer(TOKEN_ALL));
        assertError(metrics, 403, "FORBIDDEN");
        assertThat(TestApi.json(metrics).at("/error/message").textValue()).contains("API key");
    }

    @Test
    void protected_scopedToken_listsExactlyTheInScopePart() throws Exception {
        start(Credentials.keysAndTokens(), PROTECTED);

        assertThat(ids(api.get("/api/v1/incidents", bearer(TOKEN_P0))))
                .containsExactlyInAnyOrder(p0Payments.id(), p0Search.id());
        assertThat(ids(api.get("/api/v1/incidents", bearer(TOKEN_PAYMENTS))))
                .containsExactlyInAnyOrder(p0Payments.id(), p1Payments.id());
        // The query is intersected with the scope: it can narrow further, never widen.
        assertThat(ids(api.get("/api/v1/incidents?source=grafana", bearer(TOKEN_P0))))
                .containsExactly(p0Search.id());
        assertThat(ids(api.get("/api/v1/incidents?severity=P0,P1,P2", bearer(TOKEN_P0))))
                .containsExactlyInAnyOrder(p0Payments.id(), p0Search.id());
        assertThat(ids(api.get("/api/v1/incidents?severity=P1", bearer(TOKEN_P0))))
                .isEmpty();
        assertThat(ids(api.get("/api/v1/incidents?label=team:search", bearer(TOKEN_PAYMENTS))))
                .isEmpty();
        // Query errors are still reported to an authenticated caller.
        assertError(api.get("/api/v1/incidents?severities=P1", bearer(TOKEN_P0)), 400, "INVALID_PARAMETER");
    }

    @Test
    void protected_scopedToken_incidentOutsideTheScope_is404LikeAnUnknownOne() throws Exception {
        start(Credentials.keysAndTokens(), PROTECTED);

        ContentResponse inScope = api.get("/api/v1/incidents/" + p0Search.id(), bearer(TOKEN_P0));
        assertThat(inScope.getStatus()).isEqualTo(200);
        assertThat(TestApi.json(inScope).get("id").textValue())
                .isEqualTo(p0Search.id().toString());

        ContentResponse outOfScope = api.get("/api/v1/incidents/" + p1Payments.id(), bearer(TOKEN_P0));
        UUID unknownId = UUID.randomUUID();
        ContentResponse unknown = api.get("/api/v1/incidents/" + unknownId, bearer(TOKEN_P0));
        assertError(outOfScope, 404, "NOT_FOUND");
        assertError(unknown, 404, "NOT_FOUND");
        // Indistinguishable but for the id itself.
        assertThat(outOfScope.getContentAsString().replace(p1Payments.id().toString(), "ID"))
                .isEqualTo(unknown.getContentAsString().replace(unknownId.toString(), "ID"));
        assertError(api.get("/api/v1/incidents/" + p0Search.id(), bearer(TOKEN_PAYMENTS)), 404, "NOT_FOUND");
        assertThat(api.get("/api/v1/incidents/" + p1Payments.id(), bearer(KEY)).getStatus())
                .isEqualTo(200);
    }

    @Test
    void protected_scopedToken_mayReadStats_butNotMetrics() throws Exception {
        start(Credentials.keysAndTokens(), PROTECTED);

        assertThat(api.get("/api/v1/stats", bearer(TOKEN_P0)).getStatus()).isEqualTo(200);
        assertError(api.get("/metrics", bearer(TOKEN_P0)), 403, "FORBIDDEN");
    }

    @Test
    void health_isNeverProtected() throws Exception {
        start(Credentials.keysAndTokens(), PROTECTED);

        for (String path : HEALTH) {
            assertThat(api.get(path).getStatus()).as(path).isEqualTo(200);
            assertThat(api.get(path, bearer("garbage")).getStatus()).as(path).isEqualTo(200);
        }
    }

    @Test
    void protected_withKeysOnly_stillNeedsAKey() throws Exception {
        // Without token verification every token would be "granted": that must not open the reads.
        start(Credentials.keysOnly(), PROTECTED);

        assertError(api.get("/api/v1/incidents"), 401, "UNAUTHENTICATED");
        assertError(api.get("/api/v1/incidents", bearer("anything")), 403, "FORBIDDEN");
        assertError(api.get("/api/v1/stats", bearer("anything")), 403, "FORBIDDEN");
        assertThat(ids(api.get("/api/v1/incidents", bearer(KEY)))).hasSize(4);
        assertThat(api.get("/metrics", bearer(KEY)).getStatus()).isEqualTo(200);
    }

    @Test
    void protected_withTokensOnly_anyStringIsNoKey_soAScopeCannotBeBypassed() throws Exception {
        // Without keys every string is an "accepted" key for publishing: it must not unlock reads.
        start(Credentials.tokensOnly(), PROTECTED);

        assertError(api.get("/api/v1/incidents", bearer("anything")), 403, "FORBIDDEN");
        assertThat(ids(api.get("/api/v1/incidents", bearer(TOKEN_P0))))
                .containsExactlyInAnyOrder(p0Payments.id(), p0Search.id());
        assertError(api.get("/metrics", bearer("anything")), 403, "FORBIDDEN");
        assertError(api.get("/metrics", bearer(TOKEN_ALL)), 403, "FORBIDDEN");
        assertError(api.get("/metrics"), 401, "UNAUTHENTICATED");
        // Publishing stays open: no keys are configured.
        assertThat(api.post("/api/v1/alerts", Bodies.alert("P1")).getStatus()).isEqualTo(202);
    }

    @Test
    void protected_withNothingConfigured_failsClosed_butHealthAnswers() throws Exception {
        start(Credentials.nothing(), PROTECTED);

        for (String path : withIncidentById(READS)) {
            assertError(api.get(path), 401, "UNAUTHENTICATED");
            assertError(api.get(path, bearer("anything")), 403, "FORBIDDEN");
        }
        for (String path : HEALTH) {
            assertThat(api.get(path).getStatus()).as(path).isEqualTo(200);
        }
    }

    private List<String> withIncidentById(List<String> paths) {
        List<String> all = new ArrayList<>(paths);
        all.add("/api/v1/incidents/" + p0Payments.id());
        return all;
    }

    private static List<UUID> ids(ContentResponse response) {
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        JsonNode body = TestApi.json(response);
        List<UUID> ids = new ArrayList<>();
        body.get("incidents")
                .forEach(node -> ids.add(UUID.fromString(node.get("id").textValue())));
        assertThat(body.get("count").intValue()).isEqualTo(ids.size());
        return ids;
    }
}
