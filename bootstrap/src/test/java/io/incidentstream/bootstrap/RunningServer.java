package io.incidentstream.bootstrap;

import io.incidentstream.bootstrap.config.ServerConfig;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The assembled server on a free port of 127.0.0.1, with the given settings over the defaults, as a
 * JUnit 5 extension. Registered on a {@code static} field with {@code @RegisterExtension}, one server
 * serves the whole class; on an instance field, each test gets its own (with JUnit's default
 * lifecycle, a test instance per test). It starts before the test class's own {@code @BeforeAll}/
 * {@code @BeforeEach} methods and stops after its {@code @AfterEach}/{@code @AfterAll} ones, so
 * clients made there can use it and are gone before it stops.
 */
final class RunningServer implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private final Map<String, String> settings;
    private IncidentStreamServer server;
    private boolean perClass;

    /** A server with the defaults, except for {@code settings} (port and host are set here). */
    RunningServer(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("port", "0", "host", "127.0.0.1"));
        all.putAll(settings);
        this.settings = Map.copyOf(all);
    }

    /** A server with the defaults. */
    RunningServer() {
        this(Map.of());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (server == null) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private void start() throws Exception {
        server = ServerComponent.create(ServerConfig.defaults(settings), Clock.systemUTC())
                .start();
    }

    private void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** The running server itself. */
    IncidentStreamServer server() {
        if (server == null) {
            throw new IllegalStateException("the server runs only while a test of its class does");
        }
        return server;
    }

    int port() {
        return server().port();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    String http() {
        return "http://127.0.0.1:" + port();
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    URI http(String path) {
        return URI.create(http() + path);
    }

    /** {@code ws://127.0.0.1:<port>/ws}. */
    URI ws() {
        return ws("/ws");
    }

    /** {@code ws://127.0.0.1:<port><path>}, e.g. {@code /ws?access_token=...}. */
    URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }
}
