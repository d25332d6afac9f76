package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.bootstrap.sse.SseStream;
import io.incidentstream.bootstrap.sse.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Access to {@code GET /sse}: the same tokens and scopes as {@code /ws}, in the Authorization header
 * or, for {@code EventSource}, in {@code access_token} (never logged); refusals (401, 403) before the
 * stream starts; CORS answers for the allowed origins only.
 */
@Timeout(90)
class SseAccessTest {

    private static final String ALLOWED = "https://ops.example.com";

    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private void start() throws Exception {
        server = new TestServer(Map.of("jwt_hs256_secret", SubscriberTokens.SECRET, "allowed_origins", ALLOWED));
    }

    @Test
    void noToken_andARefusedOne_are401BeforeTheStream() throws Exception {
        start();
        try (SseStream sse = SseStream.open(server.port(), "/sse")) {
            assertThat(sse.status()).isEqualTo(401);
            assertThat(sse.header("WWW-Authenticate")).isEqualTo("Bearer");
            JsonNode error = sse.errorBody().path("error");
            assertThat(error.path("code").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(error.path("message").asText()).isEqualTo("a subscriber token is required");
        }
        String forged =
                SubscriberTokens.hs256(SubscriberTokens.claims("mallory"), "another-secret-of-at-least-32-bytes!!");
        try (SseStream sse = SseStream.open(server.port(), "/sse?access_token=" + forged)) {
            assertThat(sse.status()).isEqualTo(401);
            JsonNode error = sse.errorBody().path("error");
            assertThat(error.path("message").asText()).startsWith("token rejected: ");
            assertThat(error.toString()).doesNotContain(forged);
        }
        try (SseStream sse = SseStream.open(server.port(), "/sse", Map.of("Authorization", "Bearer " + forged))) {
            assertThat(sse.status()).isEqualTo(401);
        }
    }

    @Test
    void withoutAToken_aBadFilterIs401_notItsParametersError_andWithOneIt_is400() throws Exception {
        start();
        try (SseStream sse = SseStream.open(server.port(), "/sse?severities=P9")) {
            assertThat(sse.status()).isEqualTo(401);
            assertThat(sse.errorBody().path("error").path("code").asText()).isEqualTo("UNAUTHENTICATED");
        }
        String token = SubscriberTokens.hs256(SubscriberTokens.claims("ann"));
        try (SseStream sse = SseStream.open(server.port(), "/sse?severities=P9&access_token=" + token)) {
            assertThat(sse.status()).isEqualTo(400);
            JsonNode error = sse.errorBody().path("error");
            assertThat(error.path("code").asText()).isEqualTo("INVALID_PARAMETER");
            assertThat(error.path("details").path("parameter").asText()).isEqualTo("severities");
        }
    }

    @Test
    void tokenInTheQuery_opensTheStream_andIsNeverLogged_evenWithLogLevelDebug() throws Exception {
        start();
        String token = SubscriberTokens.hs256(SubscriberTokens.claims("ann"));
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        // As LOG_LEVEL=debug sets it: everything at debug but Jetty, which LogSetup keeps at WARN because
        // its debug lines carry request URIs (and so a query's token).
        List<Logger> loud = List.of(root, (Logger) LoggerFactory.getLogger("io.incidentstream"));
        List<Level> before = loud.stream().map(Logger::getLevel).toList();
        logs.start();
        root.addAppender(logs);
        loud.forEach(logger -> logger.setLevel(Level.DEBUG));
        try (SseStream sse = SseStream.open(server.port(), "/sse?severities=P1&access_token=" + token)) {
            assertThat(sse.status()).isEqualTo(200);
            sse.subscribed();
        } finally {
            for (int i = 0; i < loud.size(); i++) {
                loud.get(i).setLevel(before.get(i));
            }
            root.detachAppender(logs);
        }
        assertThat(logs.list)
                .anySatisfy(event -> assertThat(event.getFormattedMessage())
                        .startsWith("event stream ")
                        .endsWith(" for ann"));
        for (ILoggingEvent event : List.copyOf(logs.list)) {
            assertThat(event.getFormattedMessage()).doesNotContain(token);
            if (event.getThrowableProxy() != null) {
                assertThat(
                                event.getThrowableProxy().getMessage() == null
                                        ? ""
                                        : event.getThrowableProxy().getMessage())
                        .doesNotContain(token);
            }
        }
    }

    @Test
    void scopedToken_narrowsTheStream_andAFilterOnlyOutsideItIs403() throws Exception {
        start();
        String token = SubscriberTokens.hs256(
                SubscriberTokens.scoped("payments-team", Map.of("sources", List.of("payments"))));
        try (SseStream sse =
                SseStream.open(server.port(), "/sse?sources=search", Map.of("Authorization", "Bearer " + token))) {
            assertThat(sse.status()).isEqualTo(403);
            assertThat(sse.errorBody().path("error").path("code").asText()).isEqualTo("FORBIDDEN");
        }
        try (SseStream sse = SseStream.open(server.port(), "/sse", Map.of("Authorization", "Bearer " + token))) {
            assertThat(sse.status()).isEqualTo(200);
            sse.subscribed();
            server.publish(incident("search", "not yours"));
            server.publish(incident("payments", "yours"));
            assertThat(sse.next("event")
                            .json()
                            .path("event")
                            .path("incident")
                            .path("title")
                            .asText())
                    .isEqualTo("yours");
        }
    }

    @Test
    void allowedOrigin_getsCorsHeaders_anotherIs403_andPreflightAnswersOnlyTheAllowed() throws Exception {
        start();
        String token = SubscriberTokens.hs256(SubscriberTokens.claims("ann"));
        try (SseStream sse = SseStream.open(server.port(), "/sse?access_token=" + token, Map.of("Origin", ALLOWED))) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
            assertThat(sse.header("Vary")).contains("Origin");
        }
        try (SseStream sse = SseStream.open(
                server.port(), "/sse?access_token=" + token, Map.of("Origin", "https://evil.example.net"))) {
            assertThat(sse.status()).isEqualTo(403);
            assertThat(sse.header("Access-Control-Allow-Origin")).isNull();
            assertThat(sse.errorBody().path("error").path("code").asText()).isEqualTo("ORIGIN_NOT_ALLOWED");
        }
        assertThat(preflight(ALLOWED))
                .startsWith("HTTP/1.1 204")
                .contains("Access-Control-Allow-Origin: " + ALLOWED)
                .contains("Access-Control-Allow-Headers: Authorization, Last-Event-ID, Cache-Control");
        assertThat(preflight("https://evil.example.net"))
                .startsWith("HTTP/1.1 403")
                .doesNotContain("Access-Control-Allow-Origin");
    }

    private String preflight(String origin) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("OPTIONS /sse HTTP/1.1\r\nHost: x\r\nOrigin: " + origin
                                    + "\r\nAccess-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: authorization\r\n"
                                    + "Connection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String incident(String source, String title) {
        return "{\"event_type\":\"incident_created\",\"incident\":{\"severity\":\"P1\",\"source\":\"" + source
                + "\",\"title\":\"" + title + "\"}}";
    }
}
