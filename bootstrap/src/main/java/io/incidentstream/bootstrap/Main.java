package io.incidentstream.bootstrap;

import io.incidentstream.bootstrap.config.ConfigLoader;
import io.incidentstream.bootstrap.config.ConfigurationException;
import io.incidentstream.bootstrap.config.ServerConfig;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the server from flags, environment and an optional config file; stops it on SIGTERM. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        IncidentStreamServer server;
        try {
            ServerConfig config = ConfigLoader.load(args, System.getenv());
            // Assembling checks what needs more than one key or a file (TLS certificates and keys).
            server = ServerComponent.create(config, Clock.systemUTC());
        } catch (ConfigurationException e) {
            LOG.error("configuration error: {}", e.getMessage());
            System.exit(2);
            return;
        } catch (io.incidentstream.application.port.out.EngineUnavailableException e) {
            // engine=redis: a node does not start without its stream; its supervisor retries.
            LOG.error("cannot start: the stream engine is unreachable: {}", e.getMessage());
            System.exit(1);
            return;
        }
        java.util.Map<String, String> heap = HeapReturn.apply();
        if (!heap.isEmpty()) {
            LOG.info("returning free heap to the OS: {} (JVM -XX: flags take precedence)", heap);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "incident-stream-shutdown"));
        try {
            server.start();
        } catch (Exception e) {
            LOG.error("could not start: {}", e.getMessage(), e);
            server.stop();
            System.exit(1);
        }
    }
}
