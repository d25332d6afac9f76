package io.incidentstream.bootstrap;

import io.incidentstream.bootstrap.config.ConfigLoader;
import io.incidentstream.bootstrap.config.ConfigurationException;
import io.incidentstream.bootstrap.config.ExampleConfig;
import io.incidentstream.bootstrap.config.HelpText;
import io.incidentstream.bootstrap.config.ServerConfig;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the server from flags, environment and an optional config file; stops it on SIGTERM and
 * exits 0 when that shutdown was clean. {@code --help}, {@code --version} and
 * {@code --example-config} print and exit without starting anything.
 */
public final class Main {

    static {
        // Before the logger below, whose first use configures logging: the warm-up runs beside that too.
        StartupWarmUp.start();
    }

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    /** Exit status for a bad configuration, a port in use, or any other failure to start. */
    static final int CONFIGURATION_ERROR = 2;

    static final int START_FAILED = 1;

    private Main() {}

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(HelpText.render(Version.current()));
            return;
        }
        if (arguments.contains("--version")) {
            System.out.println("incident-stream " + Version.current() + " (Java " + Runtime.version() + ")");
            return;
        }
        if (arguments.contains("--example-config")) {
            System.out.print(ExampleConfig.render());
            return;
        }
        JettyCacheLine.preset();
        IncidentStreamServer server;
        try {
            ServerConfig config = ConfigLoader.load(args, System.getenv());
            LogSetup.apply(
                    config.logging().format().name().toLowerCase(java.util.Locale.ROOT),
                    config.logging().level().orElse(null));
            // Assembling checks what needs more than one key or a file (TLS certificates and keys).
            server = ServerComponent.create(config, Clock.systemUTC());
        } catch (ConfigurationException e) {
            LOG.error("configuration error: {} (--help lists every setting)", e.getMessage());
            System.exit(CONFIGURATION_ERROR);
            return;
        } catch (io.incidentstream.application.port.out.EngineUnavailableException e) {
            // engine=redis: a node does not start without its stream; its supervisor retries.
            LOG.error("cannot start: the stream engine is unreachable: {}", e.getMessage());
            System.exit(1);
            return;
        }
        java.util.Map<String, String> heap = HeapReturn.apply();
        if (!heap.isEmpty()) {
            LOG.debug("returning free heap to the OS: {} (JVM -XX: flags take precedence)", heap);
        }
        // On SIGTERM or SIGINT the JVM runs this hook and would then exit with 143 or 130, which a
        // service manager reports as a failure; after a clean shutdown, halt with 0 instead.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (server.stop() && !server.failedToStart()) {
                                Runtime.getRuntime().halt(0);
                            }
                        },
                        "incident-stream-shutdown"));
        try {
            server.start();
        } catch (PortInUseException e) {
            LOG.error(e.getMessage());
            exitAfterFailedStart(server);
        } catch (Exception e) {
            LOG.error("could not start: {}", e.getMessage(), e);
            exitAfterFailedStart(server);
        }
    }

    private static void exitAfterFailedStart(IncidentStreamServer server) {
        server.stop();
        System.exit(START_FAILED);
    }
}
