package io.incidentstream.adapters.websocket.testing;

import io.incidentstream.adapters.websocket.ServerMessageWriter;
import io.incidentstream.adapters.websocket.WebSocketRoute;
import io.incidentstream.adapters.websocket.WebSocketSettings;
import io.incidentstream.application.IncidentStream;
import io.incidentstream.application.port.in.Publication;
import io.incidentstream.application.port.in.PublishResult;
import io.incidentstream.application.port.out.IdGenerator;
import io.incidentstream.application.port.out.StreamMetrics;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.event.Event;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/** A real Jetty server on a free port serving {@code /ws} over a real {@link IncidentStream}, plus a client. */
public final class WebSocketServerFixture implements AutoCloseable {

    public static final long MAX_MESSAGE_BYTES = 4096;

    private final IncidentStream stream;
    private final Server server;
    private final ServerConnector connector;
    private final WebSocketClient client = new WebSocketClient();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    public WebSocketServerFixture(StreamSettings settings, boolean compression) throws Exception {
        this(settings, compression, Clock.systemUTC(), java.util.List.of());
    }

    public WebSocketServerFixture(
            StreamSettings settings, boolean compression, Clock clock, java.util.List<String> trustedProxies)
            throws Exception {
        this(settings, compression, clock, trustedProxies, java.util.List.of(), noAuthentication());
    }

    public WebSocketServerFixture(
            StreamSettings settings,
            boolean compression,
            Clock clock,
            java.util.List<String> trustedProxies,
            java.util.List<String> allowedOrigins,
            io.incidentstream.application.port.in.AuthenticationUseCase authentication)
            throws Exception {
        this(Served.of(settings, clock), compression, clock, trustedProxies, allowedOrigins, authentication);
    }

    /**
     * Serves {@code stream}, one built by the test (a cluster node's, say) with {@code writer} as its
     * encoder; closed with the fixture.
     */
    public WebSocketServerFixture(IncidentStream stream, ServerMessageWriter writer) throws Exception {
        this(
                new Served(stream, writer),
                true,
                Clock.systemUTC(),
                java.util.List.of(),
                java.util.List.of(),
                noAuthentication());
    }

    /** A stream and the encoder it was built with, which the route writes its messages with too. */
    private record Served(IncidentStream stream, ServerMessageWriter writer) {
        static Served of(StreamSettings settings, Clock clock) {
            ServerMessageWriter writer = new ServerMessageWriter();
            return new Served(
                    new IncidentStream(settings, writer, StreamMetrics.NONE, clock, IdGenerator.random()), writer);
        }
    }

    private WebSocketServerFixture(
            Served served,
            boolean compression,
            Clock clock,
            java.util.List<String> trustedProxies,
            java.util.List<String> allowedOrigins,
            io.incidentstream.application.port.in.AuthenticationUseCase authentication)
            throws Exception {
        IncidentStream stream = served.stream();
        ServerMessageWriter writer = served.writer();
        this.stream = stream;
        server = new Server();
        // One acceptor and one selector, as a two-core machine gets by default: every connection
        // shares the selector that reads their frames (SelectorFairnessTest).
        connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebSocketSettings ws = new WebSocketSettings(
                "/ws",
                Duration.ofMinutes(5),
                MAX_MESSAGE_BYTES,
                compression,
                Duration.ofSeconds(2),
                trustedProxies,
                allowedOrigins);
        Handler.Wrapper handler = WebSocketRoute.handler(
                server, ws, stream.sessions(), stream.connections(), authentication, writer, clock, timer);
        server.setHandler(handler);
        server.start();
        client.start();
    }

    /** No keys, no tokens: every client is let in. */
    private static io.incidentstream.application.port.in.AuthenticationUseCase noAuthentication() {
        return new io.incidentstream.application.access.AccessControl(
                io.incidentstream.application.port.out.PublisherKeys.NONE,
                io.incidentstream.application.port.out.TokenVerifier.NONE);
    }

    public WebSocketServerFixture() throws Exception {
        this(StreamSettings.defaults(), true);
    }

    public URI uri() {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/ws");
    }

    /** The Jetty server, for looking at its internals (pools) in tests. */
    public Server jetty() {
        return server;
    }

    public WebSocketClient client() {
        return client;
    }

    /** A connected client that has read its welcome. */
    public TestClient connect() throws Exception {
        TestClient test = TestClient.connect(client, uri());
        test.next("welcome");
        return test;
    }

    public IncidentStream stream() {
        return stream;
    }

    public PublishResult.Receipt publish(Event event) {
        PublishResult result = stream.publisher().publish(Publication.of(event));
        if (!(result instanceof PublishResult.Accepted accepted)) {
            throw new AssertionError("not accepted: " + result);
        }
        return accepted.receipts().get(0);
    }

    /**
     * Stops the client, the server and the stream. Jetty's checked exceptions come wrapped in a
     * RuntimeException ({@link LifeCycle#stop(Object)}): a close() that may throw InterruptedException
     * can have it hidden by a try-with-resources (javac's lint "try").
     */
    @Override
    public void close() {
        LifeCycle.stop(client);
        LifeCycle.stop(server);
        stream.close();
        timer.shutdownNow();
    }
}
