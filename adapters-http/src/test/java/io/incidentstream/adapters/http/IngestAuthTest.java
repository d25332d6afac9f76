package io.incidentstream.adapters.http;

import static io.incidentstream.adapters.http.Credentials.KEY;
import static io.incidentstream.adapters.http.Credentials.OTHER_KEY;
import static io.incidentstream.adapters.http.Credentials.TOKEN_ALL;
import static io.incidentstream.adapters.http.Credentials.bearer;
import static io.incidentstream.adapters.http.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpTester;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Publisher API keys on every {@code /api/v1} write: open without keys, 401/403/202 with them. */
class IngestAuthTest {

    /** Each write endpoint with a valid body for it. */
    private static final Map<String, String> WRITES = Map.of(
            "/api/v1/events", "[" + Bodies.systemEvent("a") + "," + Bodies.incidentCreated("P1") + "]",
            "/api/v1/incidents", Bodies.incident("P0", "prometheus"),
            "/api/v1/alerts", Bodies.alert("P1"));

    @Test
    void noKeysConfigured_publishingIsOpen_withOrWithoutAnyCredential() throws Exception {
        try (TestApi api = TestApi.startWithAuthentication(Credentials.tokensOnly(), TestApi.SETTINGS)) {
            for (Map.Entry<String, String> write : WRITES.entrySet()) {
                assertThat(api.post(write.getKey(), write.getValue()).getStatus())
                        .as(write.getKey())
                        .isEqualTo(202);
                assertThat(api.postAuthorized(write.getKey(), write.getValue(), bearer("anything"))
                                .getStatus())
                        .as(write.getKey())
                        .isEqualTo(202);
            }
            assertThat(api.stream.statistics().statistics().lastSeq()).isEqualTo(8);
        }
    }

    @Test
    void keysConfigured_missingKey_is401WithWwwAuthenticate_andPublishesNothing() throws Exception {
        try (TestApi api = TestApi.startWithAuthentication(Credentials.keysAndTokens(), TestApi.SETTINGS)) {
            for (Map.Entry<String, String> write : WRITES.entrySet()) {
                ContentResponse response = api.post(write.getKey(), write.getValue());

                assertError(response, 401, "UNAUTHENTICATED");
                assertThat(response.getHeaders().get("WWW-Authenticate"))
                        .as(write.getKey())
                        .isEqualTo("Bearer");
            }
            assertThat(lastSeq(api)).isZero();
        }
    }

    @Test
    void keysConfigured_wrongKey_is403_andPublishesNothing() throws Exception {
        try (TestApi api = TestApi.startWithAuthentication(Credentials.keysAndTokens(), TestApi.SETTINGS)) {
            for (Map.Entry<String, String> write : WRITES.entrySet()) {
                ContentResponse response = api.postAuthorized(write.getKey(), write.getValue(), bearer(OTHER_KEY));

                assertError(response, 403, "FORBIDDEN");
                assertThat(TestApi.json(response).at("/error/message").textValue())
                        .isEqualTo("unknown API key");
                assertThat(response.getHeaders().get("WWW-Authenticate")).isNull();
            }
            assertThat(lastSeq(api)).isZero();
        }
    }

    @Test
    void keysConfigured_rightKey_is202_andPublishes() throws Exception {
        try (TestApi api = TestApi.startWithAuthentication(Credentials.keysAndTokens(), TestApi.SETTINGS)) {
            for (Map.Entry<String, String> write : WRITES.entrySet()) {
                assertThat(api.postAuthorized(write.getKey(), write.getValue(), bearer(KEY))
                                .getStatus())
                        .as(write.getKey())
                        .isEqualTo(202);
            }
            assertThat(lastSeq(api)).isEqualTo(4);
            // The scheme is case-insensitive (RFC 7235); surrounding blanks do not matter.
            assertThat(api.postAuthorized("/api/v1/alerts", Bodies.alert("P2"), "bearer   " + KEY + " ")
                            .getStatus())
                    .isEqualTo(202);
            assertThat(lastSeq(api)).isEqualTo(5);
        }
    }

    @Test
    void subscriberToken_isNoPublisherKey() throws Exception {
        try (TestApi api = TestApi.startWithAuthentication(Credentials.keysAndTokens(), TestApi.SETTINGS)) {
            assertError(
                    api.postAuthorized("/api/v1/incidents", Bodies.incident("P0", "x"), bearer(TOKEN_ALL)),
                    403,
                    "FORBIDDEN");
            assertThat(lastSeq(api)).isZero();
        }
    }

    @Test
    void keyOutsideTheBearerHeader_doesNotCount() throws Exception {
        try (TestApi api = TestApi.startWithAuthentication(Credentials.keysOnly(), TestApi.SETTINGS)) {
            // Never from the query string, nor from another scheme, nor from an empty Bearer.
            assertError(api.post("/api/v1/events?api_key=" + KEY, Bodies.systemEvent("q")), 401, "UNAUTHENTICATED");
            assertError(
                    api.post("/api/v1/events?access_token=" + KEY, Bodies.systemEvent("q")), 401, "UNAUTHENTICATED");
            assertError(
                    api.postAuthorized("/api/v1/events", Bodies.systemEvent("b"), "Basic " + KEY),
                    401,
                    "UNAUTHENTICATED");
            assertError(api.postAuthorized("/api/v1/events", Bodies.systemEvent("b"), KEY), 401, "UNAUTHENTICATED");
            assertError(
                    api.postAuthorized("/api/v1/events", Bodies.systemEvent("e"), "Bearer "), 401, "UNAUTHENTICATED");
            assertThat(lastSeq(api)).isZero();
        }
    }

    @Test
    void credentialsAreChecked_beforeTheBodyIsLookedAt() throws Exception {
        try (TestApi api = TestApi.startWithAuthentication(Credentials.keysOnly(), TestApi.SETTINGS)) {
            // Not JSON, wrong media type, oversized: all refused for the missing key first.
            assertError(api.post("/api/v1/events", "{not json"), 401, "UNAUTHENTICATED");
            assertError(api.post("/api/v1/events", "text/plain", "hello"), 401, "UNAUTHENTICATED");
            assertError(
                    api.postAuthorized(
                            "/api/v1/events", "x".repeat(TestApi.SETTINGS.maxRequestBytes() + 1), bearer(OTHER_KEY)),
                    403,
                    "FORBIDDEN");

            // A body declared far over the limit and never sent: answered at once, from the headers.
            HttpTester.Response raw = api.raw("POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 999999999\r\n\r\n{");
            assertThat(raw.getStatus()).isEqualTo(401);
            assertThat(raw.get("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(Errors.code(raw.getContent())).isEqualTo("UNAUTHENTICATED");

            // With the key, the same body problems are reported as before.
            assertError(api.postAuthorized("/api/v1/events", "{not json", bearer(KEY)), 400, "INVALID_JSON");
            assertThat(lastSeq(api)).isZero();
        }
    }

    @Test
    void credentialsAreNeverLogged() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger ours = context.getLogger("io.incidentstream");
        Level previous = ours.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(context);
        appender.start();
        ours.addAppender(appender);
        ours.setLevel(Level.DEBUG);
        try (TestApi api = TestApi.startWithAuthentication(
                Credentials.keysAndTokens(), TestApi.SETTINGS.withProtectReadEndpoints(true))) {
            api.postAuthorized("/api/v1/events", Bodies.systemEvent("a"), bearer(OTHER_KEY));
            api.postAuthorized("/api/v1/events", Bodies.systemEvent("a"), bearer(KEY));
            api.postAuthorized("/api/v1/events", "{broken", bearer(KEY));
            api.get("/api/v1/incidents", bearer("forged-token-secret"));
            api.get("/api/v1/incidents", bearer(Credentials.TOKEN_EXPIRED));
            api.get("/metrics", bearer(TOKEN_ALL));
        } finally {
            ours.detachAppender(appender);
            ours.setLevel(previous);
        }

        List<String> logged = appender.list.stream()
                .map(event -> event.getFormattedMessage()
                        + (event.getThrowableProxy() == null
                                ? ""
                                : ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .toList();
        assertThat(logged).isNotEmpty();
        for (String secret : List.of(KEY, OTHER_KEY, "forged-token-secret", Credentials.TOKEN_EXPIRED, TOKEN_ALL)) {
            assertThat(logged).noneMatch(line -> line.contains(secret));
        }
    }

    private static long lastSeq(TestApi api) {
        return api.stream.statistics().statistics().lastSeq();
    }
}
