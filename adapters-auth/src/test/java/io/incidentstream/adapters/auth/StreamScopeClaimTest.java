package io.incidentstream.adapters.auth;

import static io.incidentstream.adapters.auth.TestTokens.NOW;
import static io.incidentstream.adapters.auth.TestTokens.SECRET;
import static io.incidentstream.adapters.auth.TestTokens.claims;
import static io.incidentstream.adapters.auth.TestTokens.hs256;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.port.out.TokenVerifier.Invalid;
import io.incidentstream.application.port.out.TokenVerifier.Valid;
import io.incidentstream.application.port.out.TokenVerifier.Verification;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.Severity;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The stream_scope claim becomes the holder's scope, read as strictly as a subscription's filter. */
class StreamScopeClaimTest {

    private static final JwtTokenVerifier VERIFIER = JwtTokenVerifier.builder()
            .hs256Secret(SECRET)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();

    private static Filter scopeOf(String token) {
        Verification verification = VERIFIER.verify(token);
        assertThat(verification).isInstanceOf(Valid.class);
        return ((Valid) verification).access().scope();
    }

    private static String refusal(String token) {
        Verification verification = VERIFIER.verify(token);
        assertThat(verification).isInstanceOf(Invalid.class);
        return ((Invalid) verification).reason();
    }

    @Test
    void everyFilterKey_isReadIntoTheScope() {
        UUID incident = UUID.fromString("6f1c2a4e-8d7b-4c3a-9e2f-1a2b3c4d5e6f");
        Map<String, Object> scope = Map.of(
                "event_types", List.of("incident_created", "escalated"),
                "severities", List.of("P0", "P1"),
                "states", List.of("Detected"),
                "sources", List.of("siem"),
                "affected_resources", List.of("db-1"),
                "labels", Map.of("team", "security"),
                "incident_ids", List.of(incident.toString()));
        assertThat(scopeOf(hs256(claims(scope))))
                .isEqualTo(new Filter(
                        List.of(EventType.INCIDENT_CREATED, EventType.ESCALATED),
                        List.of(Severity.P0, Severity.P1),
                        List.of(IncidentState.DETECTED),
                        List.of("siem"),
                        List.of("db-1"),
                        Map.of("team", "security"),
                        List.of(incident)));
    }

    @Test
    void aPartialScope_constrainsOnlyItsKeys() {
        Filter scope = scopeOf(hs256(claims(Map.of("sources", List.of("siem", "edr")))));
        assertThat(scope.sources()).containsExactly("siem", "edr");
        assertThat(scope.severities()).isEmpty();
    }

    @Test
    void noClaim_meansNoScope() {
        assertThat(scopeOf(hs256(claims()))).isNull();
    }

    @Test
    void aMisspeltKey_isRefused_ratherThanWideningTheScope() {
        assertThat(refusal(hs256(claims(Map.of("source", List.of("siem"))))))
                .startsWith("bad stream_scope: ")
                .contains("unknown filter key 'source'");
    }

    @Test
    void aScopeThatIsNotAFilterObject_isRefused() {
        assertThat(refusal(hs256(claims().claim("stream_scope", "siem"))))
                .startsWith("bad stream_scope: ")
                .contains("must be a JSON object");
        assertThat(refusal(hs256(claims().claim("stream_scope", List.of("siem")))))
                .startsWith("bad stream_scope: ");
        assertThat(refusal(hs256(claims(Map.of("severities", List.of("P9"))))))
                .startsWith("bad stream_scope: ")
                .contains("severities");
        assertThat(refusal(hs256(claims(Map.of("sources", "siem")))))
                .startsWith("bad stream_scope: ")
                .contains("must be an array");
        assertThat(refusal(hs256(claims(Map.of("incident_ids", List.of("not-a-uuid"))))))
                .startsWith("bad stream_scope: ");
        assertThat(refusal(hs256(claims(Map.of("labels", Map.of("team", 7)))))).startsWith("bad stream_scope: ");
    }
}
