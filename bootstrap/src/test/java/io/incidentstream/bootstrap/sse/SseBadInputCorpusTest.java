package io.incidentstream.bootstrap.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus of {@code GET /sse}: every query value the contract refuses answers 400 with
 * the usual JSON error, its precise message and the parameter at fault, before any stream starts;
 * a stream opened before all of them, and one opened after, carry on. (The WebSocket and HTTP
 * corpus lives in the other corpus tests.)
 */
@Timeout(120)
class SseBadInputCorpusTest {

    private static final String SEVERITIES = "P0, P1, P2, P3, P4";
    private static final String STATES = "Detected, Triaged, Investigating, Remediating, Resolved, Closed";
    private static final String EVENT_TYPES = "incident_created, incident_updated, incident_resolved, incident_closed,"
            + " alert_received, alert_converted, escalated, playbook_started, playbook_action_executed,"
            + " playbook_completed, notification_sent, assignment_changed, comment_added, system_event";
    private static final String TOGETHER =
            "'since' and 'epoch' go together: resuming needs both the seq and the" + " epoch it belongs to";

    private static TestServer server;
    private static SseStream witness;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(Map.of("max_filter_values", "3"));
        witness = SseStream.open(server.port(), "/sse");
        witness.subscribed();
    }

    @AfterAll
    static void stop() throws Exception {
        witness.close();
        server.close();
    }

    static Stream<Arguments> corpus() {
        String longId = "s".repeat(129);
        return Stream.of(
                bad(
                        "severities=P9",
                        "severities",
                        "severities has unknown value 'P9' (expected one of " + SEVERITIES + ")"),
                bad(
                        "severities=p1",
                        "severities",
                        "severities has unknown value 'p1' (expected one of " + SEVERITIES + ")"),
                bad("states=Open", "states", "states has unknown value 'Open' (expected one of " + STATES + ")"),
                bad(
                        "event_types=incident_deleted",
                        "event_types",
                        "event_types has unknown value 'incident_deleted' (expected one of " + EVENT_TYPES + ")"),
                bad("severities=P0,,P1", "severities", "severities has an empty item in 'P0,,P1'"),
                bad("sources=a,", "sources", "sources has an empty item in 'a,'"),
                bad("incident_ids=not-a-uuid", "incident_ids", "incident_ids must hold UUIDs, got 'not-a-uuid'"),
                bad("since=5", "epoch", TOGETHER),
                bad("epoch=abc", "since", TOGETHER),
                bad("since=-1&epoch=e", "since", "since must be a seq: a whole number, 0 or more, got '-1'"),
                bad("since=abc&epoch=e", "since", "since must be a seq: a whole number, 0 or more, got 'abc'"),
                bad("since=1&epoch=", "epoch", "epoch must not be empty"),
                bad("since=1&since=2&epoch=e", "since", "since is given 2 times; give it once"),
                bad("label=team", "label", "label must be key:value, got 'team'"),
                bad("label=:ops", "label", "label must be key:value, got ':ops'"),
                bad("label=team:a&label=team:b", "label", "label 'team' is given twice, with 'a' and 'b'"),
                bad("snapshot=yes", "snapshot", "snapshot must be true or false, got 'yes'"),
                bad("subscription_id=", "subscription_id", "subscription_id must be 1 to 128 characters long"),
                bad("subscription_id=" + longId, "subscription_id", "subscription_id must be 1 to 128 characters long"),
                Arguments.of(
                        "sources=a,b,c,d",
                        400,
                        "SUBSCRIPTION_LIMIT",
                        "sources",
                        "a filter list may hold at most 3 values (sources)"),
                Arguments.of(
                        "severities=P0&severities=P1,P2,P3",
                        400,
                        "SUBSCRIPTION_LIMIT",
                        "severities",
                        "a filter list may hold at most 3 values (severities)"),
                Arguments.of(
                        "label=a:1&label=b:2&label=c:3&label=d:4",
                        400,
                        "SUBSCRIPTION_LIMIT",
                        "label",
                        "a filter list may hold at most 3 values (label)"),
                Arguments.of("severities=%ZZ", 400, "BAD_REQUEST", null, "the query is not valid URL-encoded UTF-8"));
    }

    private static Arguments bad(String query, String parameter, String message) {
        return Arguments.of(query, 400, "INVALID_PARAMETER", parameter, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void badQuery_isRefusedBeforeTheStreamStarts(
            String query, int status, String code, String parameter, String message) throws Exception {
        try (SseStream sse = SseStream.open(server.port(), "/sse?" + query)) {
            assertThat(sse.status()).isEqualTo(status);
            assertThat(sse.header("Content-Type")).startsWith("application/json");
            String text = sse.errorText();
            assertThat(text)
                    .as("one line, as the HTTP API's errors: a shell prompt after curl starts on its own line")
                    .endsWith("}\n");
            JsonNode error = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(text)
                    .path("error");
            assertThat(error.path("code").asText()).isEqualTo(code);
            assertThat(error.path("message").asText()).isEqualTo(message);
            if (parameter == null) {
                assertThat(error.path("details").isNull()).isTrue();
            } else {
                assertThat(error.path("details").path("parameter").asText()).isEqualTo(parameter);
            }
        }
    }

    @Test
    void unknownParameters_areIgnored_asCacheBustersAre() throws Exception {
        try (SseStream sse = SseStream.open(server.port(), "/sse?_=1700000000&cb=x&severities=P1")) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.subscribed().path("filters").path("severities").toString())
                    .isEqualTo("[\"P1\"]");
        }
    }

    /** As {@code /ws} counts a filter list: a value given again counts once. */
    @Test
    void repeatedValues_countOnceAgainstMaxFilterValues_asOnWs() throws Exception {
        try (SseStream sse = SseStream.open(server.port(), "/sse?severities=P0,P0,P0,P0&sources=a,a,b,c,c")) {
            assertThat(sse.status()).isEqualTo(200);
            JsonNode filters = sse.subscribed().path("filters");
            assertThat(filters.path("severities").toString()).isEqualTo("[\"P0\"]");
            assertThat(filters.path("sources").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
        }
    }

    @Test
    void afterTheCorpus_theStreamOpenedBefore_andANewOne_bothReceiveEvents() throws Exception {
        for (Arguments arguments : corpus().toList()) {
            try (SseStream sse =
                    SseStream.open(server.port(), "/sse?" + arguments.get()[0])) {
                assertThat(sse.status()).isEqualTo(400);
            }
        }
        try (SseStream fresh = SseStream.open(server.port(), "/sse")) {
            fresh.subscribed();
            server.publishSystem(1, "normal");
            assertThat(fresh.next("event").json().path("event").path("message").asText())
                    .isEqualTo("m1");
            assertThat(witness.next("event")
                            .json()
                            .path("event")
                            .path("message")
                            .asText())
                    .isEqualTo("m1");
        }
    }

    /** Not a preflight (no Origin): what the path allows, not a refusal naming "origin null". */
    @Test
    void optionsWithoutAnOrigin_isAnsweredWithWhatThePathAllows() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write("OPTIONS /sse HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer)
                    .startsWith("HTTP/1.1 204")
                    .contains("Allow: GET, OPTIONS")
                    .doesNotContain("Access-Control-Allow-Origin")
                    .doesNotContain("origin null");
        }
    }

    @Test
    void otherMethods_areRefusedWith405() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("POST /sse HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close" + "\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer)
                    .startsWith("HTTP/1.1 405")
                    .contains("Allow: GET, OPTIONS")
                    .contains("\"code\":\"METHOD_NOT_ALLOWED\"");
        }
    }
}
