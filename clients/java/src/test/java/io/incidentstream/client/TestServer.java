package io.incidentstream.client;

import io.incidentstream.bootstrap.IncidentStreamServer;
import io.incidentstream.bootstrap.ServerComponent;
import io.incidentstream.bootstrap.config.ServerConfig;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The real server, assembled as in production, on a free port of 127.0.0.1. */
final class TestServer implements AutoCloseable {

    private final IncidentStreamServer server;

    private TestServer(IncidentStreamServer server) {
        this.server = server;
    }

    static TestServer start(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("port", "0", "host", "127.0.0.1"));
        all.putAll(settings);
        try {
            return new TestServer(ServerComponent.create(ServerConfig.defaults(all), Clock.systemUTC())
                    .start());
        } catch (Exception e) {
            throw new IllegalStateException("the server did not start", e);
        }
    }

    URI ws() {
        return URI.create("ws://127.0.0.1:" + server.port() + "/ws");
    }

    URI http() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public void close() {
        server.stop();
    }
}
