package io.incidentstream.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.application.IncidentStream;
import io.incidentstream.application.access.AccessControl;
import io.incidentstream.application.alerts.AlertIntakeService;
import io.incidentstream.application.alerts.AlertIntakeSettings;
import io.incidentstream.application.alerts.InMemoryAlertEpisodes;
import io.incidentstream.application.fakes.RecordingChannel;
import io.incidentstream.application.message.Subscribed;
import io.incidentstream.application.port.in.AuthenticationUseCase;
import io.incidentstream.application.port.in.PublishUseCase;
import io.incidentstream.application.port.in.SubscribeCommand;
import io.incidentstream.application.port.out.AlertMetrics;
import io.incidentstream.application.port.out.EventEncoder;
import io.incidentstream.application.port.out.IdGenerator;
import io.incidentstream.application.port.out.PublisherKeys;
import io.incidentstream.application.port.out.StreamMetrics;
import io.incidentstream.application.port.out.TokenVerifier;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.codec.json.DomainWriter;
import io.incidentstream.codec.json.Json;
import io.incidentstream.domain.filter.Filter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Jetty server on an ephemeral port serving {@link HttpApi} over a real
 * {@link IncidentStream}, with Jetty's HTTP client, and a {@link LocalConnector} for raw requests
 * (no Content-Type, chunked bodies, lying Content-Length). Closed by try-with-resources, or, as
 * {@link #perTest()}, after each test by JUnit.
 */
final class TestApi implements AutoCloseable, AfterEachCallback {

    /** Small limits, so that size tests need small bodies. */
    static final HttpSettings SETTINGS = new HttpSettings(2048, 16 * 1024, 1, "1.2.3-test");

    /** Every event encodes to this many bytes; the stream only needs a size. */
    static final EventEncoder FIXED_SIZE_ENCODER = event -> () -> 256;

    static final MetricsSource METRICS = new MetricsSource() {
        @Override
        public String contentType() {
            return "text/plain; version=0.0.4; charset=utf-8";
        }

        @Override
        public String scrape() {
            return "# TYPE websocket_active_connections gauge\nwebsocket_active_connections 0.0\n";
        }
    };

    final IncidentStream stream;
    private final Server server;
    private final ServerConnector connector;
    private final LocalConnector local;
    private final HttpClient client = new HttpClient();

    /** Nothing configured: publishing and subscribing are open. */
    static final AuthenticationUseCase OPEN = new AccessControl(PublisherKeys.NONE, TokenVerifier.NONE);

    private TestApi(
            IncidentStream stream,
            HttpSettings settings,
            AuthenticationUseCase authentication,
            PublishUseCase publisher,
            Clock clock)
            throws Exception {
        this.stream = stream;
        this.server = new Server();
        this.connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        this.local = new LocalConnector(server);
        server.addConnector(connector);
        server.addConnector(local);
        server.setHandler(new HttpApi(
                settings,
                authentication,
                publisher,
                stream.incidents(),
                stream.statistics(),
                stream.lifecycle(),
                METRICS,
                alertIntake(publisher, stream, settings, clock),
                clock,
                UUID::randomUUID));
        server.start();
        client.start();
    }

    /** The real alert intake over {@code publisher}, with in-memory episodes and the default mapping. */
    private static AlertIntakeService alertIntake(
            PublishUseCase publisher, IncidentStream stream, HttpSettings settings, Clock clock) {
        return new AlertIntakeService(
                publisher,
                stream.incidents(),
                new InMemoryAlertEpisodes(Duration.ofDays(7), 10_000),
                AlertMetrics.NONE,
                event -> Json.write(out -> DomainWriter.event(out, event)).length,
                AlertIntakeSettings.defaults().withMaxEventBytes(settings.maxEventBytes()),
                clock,
                IdGenerator.random());
    }

    static TestApi start() throws Exception {
        return start(StreamSettings.defaults(), SETTINGS);
    }

    /**
     * A server for each test of a class that holds it in an instance field with
     * {@code @RegisterExtension}: JUnit makes a test instance, so a server, per test, and closes it
     * after the test's {@code @AfterEach} methods.
     */
    static TestApi perTest() {
        return perTest(StreamSettings.defaults(), SETTINGS);
    }

    /** As {@link #perTest()}, with these settings. */
    static TestApi perTest(StreamSettings streamSettings, HttpSettings settings) {
        try {
            return start(streamSettings, settings);
        } catch (Exception e) {
            // A field initialiser cannot throw a checked exception.
            throw new IllegalStateException("starting the test server failed", e);
        }
    }

    static TestApi start(StreamSettings streamSettings, HttpSettings settings) throws Exception {
        return start(newStream(streamSettings, FIXED_SIZE_ENCODER), settings);
    }

    static TestApi start(IncidentStream stream, HttpSettings settings) throws Exception {
        return new TestApi(stream, settings, OPEN, stream.publisher(), Clock.systemUTC());
    }

    /** A real stream, behind {@code authentication}. */
    static TestApi startWithAuthentication(AuthenticationUseCase authentication, HttpSettings settings)
            throws Exception {
        IncidentStream stream = newStream(StreamSettings.defaults(), FIXED_SIZE_ENCODER);
        return new TestApi(stream, settings, authentication, stream.publisher(), Clock.systemUTC());
    }

    /** The real stream for reads, but {@code publisher} for ingest: for mapping tests of refusals. */
    static TestApi startWithPublisher(PublishUseCase publisher, HttpSettings settings) throws Exception {
        IncidentStream stream = newStream(StreamSettings.defaults(), FIXED_SIZE_ENCODER);
        return new TestApi(stream, settings, OPEN, publisher, Clock.systemUTC());
    }

    static TestApi startWithClock(Clock clock) throws Exception {
        IncidentStream stream = newStream(StreamSettings.defaults(), FIXED_SIZE_ENCODER);
        return new TestApi(stream, SETTINGS, OPEN, stream.publisher(), clock);
    }

    static IncidentStream newStream(StreamSettings settings, EventEncoder encoder) {
        return new IncidentStream(settings, encoder, StreamMetrics.NONE, Clock.systemUTC(), IdGenerator.random());
    }

    ContentResponse get(String pathAndQuery) throws Exception {
        return client.newRequest(uri(pathAndQuery))
                .method(HttpMethod.GET)
                .timeout(5, TimeUnit.SECONDS)
                .send();
    }

    /** A GET with {@code authorization} as the Authorization header (none when null). */
    ContentResponse get(String pathAndQuery, String authorization) throws Exception {
        return authorized(client.newRequest(uri(pathAndQuery)).method(HttpMethod.GET), authorization)
                .timeout(5, TimeUnit.SECONDS)
                .send();
    }

    /** A JSON POST with {@code authorization} as the Authorization header (none when null). */
    ContentResponse postAuthorized(String path, String json, String authorization) throws Exception {
        return authorized(client.newRequest(uri(path)).method(HttpMethod.POST), authorization)
                .body(new StringRequestContent("application/json", json, StandardCharsets.UTF_8))
                .timeout(5, TimeUnit.SECONDS)
                .send();
    }

    private static Request authorized(Request request, String authorization) {
        return authorization == null
                ? request
                : request.headers(headers -> headers.put(HttpHeader.AUTHORIZATION, authorization));
    }

    ContentResponse post(String path, String json) throws Exception {
        return post(path, "application/json", json);
    }

    ContentResponse post(String path, String contentType, String body) throws Exception {
        return client.newRequest(uri(path))
                .method(HttpMethod.POST)
                .body(new StringRequestContent(contentType, body, StandardCharsets.UTF_8))
                .timeout(5, TimeUnit.SECONDS)
                .send();
    }

    ContentResponse request(String method, String path) throws Exception {
        return client.newRequest(uri(path))
                .method(method)
                .timeout(5, TimeUnit.SECONDS)
                .send();
    }

    /** Sends {@code request} over a plain socket to the server's port; what came back until the server closed. */
    String overSocket(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", connector.getLocalPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Sends a raw HTTP/1.1 request through the local connector and parses the response. */
    HttpTester.Response raw(String request) throws Exception {
        String response = local.getResponse(request, 5, TimeUnit.SECONDS);
        if (response == null) {
            throw new AssertionError("no response within 5 s to:\n" + request);
        }
        return HttpTester.parseResponse(response);
    }

    /** A session subscribed to everything, past its {@code subscribed}: what it receives next is published. */
    RecordingChannel subscribeToAll() {
        RecordingChannel channel = new RecordingChannel();
        stream.sessions().open(channel).subscribe(new SubscribeCommand("all", Filter.all()));
        channel.nextOf(Subscribed.class);
        return channel;
    }

    static JsonNode json(ContentResponse response) {
        return Json.parse(response.getContentAsString());
    }

    HttpClient client() {
        return client;
    }

    String uri(String pathAndQuery) {
        return "http://127.0.0.1:" + connector.getLocalPort() + pathAndQuery;
    }

    @Override
    public void close() {
        try {
            client.stop();
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the test server failed", e);
        } finally {
            stream.close();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }
}
