package io.incidentstream.bootstrap;

import io.incidentstream.adapters.http.JsonErrorHandler;
import io.incidentstream.adapters.metrics.PrometheusMetrics;
import io.incidentstream.adapters.websocket.ServerMessageWriter;
import io.incidentstream.adapters.websocket.WebSocketRoute;
import io.incidentstream.adapters.websocket.WebSocketSettings;
import io.incidentstream.adapters.web.IncidentBoard;
import io.incidentstream.adapters.websocket.sse.SseRoute;
import io.incidentstream.adapters.websocket.sse.SseSettings;
import io.incidentstream.application.IncidentStream;
import io.incidentstream.application.port.in.AuthenticationUseCase;
import io.incidentstream.application.port.in.SessionMaintenance;
import io.incidentstream.bootstrap.config.ServerConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: a Jetty port serving {@code /ws}, the HTTP API, metrics, health and the board (plain HTTP on
 * {@code port} unless {@code http_enabled=false}, and HTTPS/WSS on {@code tls_port} when TLS is
 * configured, see {@link TlsConnectors}), and the
 * one shutdown path (stop accepting, report not ready, tell every session {@code closing}, flush
 * up to a deadline, close with 1001, then stop Jetty).
 */
@Singleton
public final class IncidentStreamServer {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentStreamServer.class);

    private final ServerConfig config;
    private final IncidentStream stream;
    private final PrometheusMetrics metrics;
    private final Server jetty;
    /** Plain HTTP; null when {@code http_enabled=false}. */
    private final ServerConnector connector;
    /** HTTPS and WSS; null when TLS is not configured. */
    private final ServerConnector tlsConnector;
    private final ScheduledExecutorService timer;
    private final AuthenticationUseCase authentication;
    private boolean stopped;

    @Inject
    IncidentStreamServer(ServerConfig config, IncidentStream stream, PrometheusMetrics metrics,
                         WebSocketSettings webSocket, ServerMessageWriter writer, Clock clock,
                         ScheduledExecutorService timer, AuthenticationUseCase authentication,
                         IncidentBoard board, SseSettings sse) {
        this.config = config;
        this.stream = stream;
        this.metrics = metrics;
        this.timer = timer;
        this.authentication = authentication;
        // First, so that a bad TLS configuration fails before anything else is built.
        java.util.Optional<SslContextFactory.Server> tls = TlsConnectors.sslContextFactory(config);
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("incident-stream-http");
        this.jetty = new Server(threads);
        // Our shutdown path closes sessions first; Jetty's own hook would race it with 1006s.
        jetty.setStopAtShutdown(false);
        jetty.setStopTimeout(5_000);
        if (config.flag("http_enabled")) {
            this.connector = new ServerConnector(jetty);
            if (config.flag("http2_enabled")) {
                Http2.addCleartext(connector);
            }
            connector.setHost(config.text("host"));
            connector.setPort(config.integer("port"));
            jetty.addConnector(connector);
        } else {
            this.connector = null;
        }
        HttpConfiguration plain = connector != null
                ? connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration()
                : new HttpConfiguration();
        // No "Server: Jetty(x.y.z)" header: the version helps nobody but an attacker.
        plain.setSendServerVersion(false);
        jetty.setErrorHandler(new JsonErrorHandler());
        this.tlsConnector = tls.map(ssl -> TlsConnectors.connector(jetty, ssl, plain, config.text("host"),
                config.integer("tls_port"), config.flag("http2_enabled"))).orElse(null);
        if (tlsConnector != null) {
            jetty.addConnector(tlsConnector);
        }
        WebSocketUpgradeHandler upgrades = WebSocketRoute.handler(jetty, webSocket, stream.sessions(),
                stream.connections(), authentication, writer, clock, timer);
        // GET /sse is the same stream as /ws for clients that cannot hold a WebSocket. The board serves /
        // and /board/..., and passes everything else on to the HTTP API it wraps.
        upgrades.setHandler(new SseRoute(sse, stream.sessions(), stream.connections(), authentication, writer,
                board));
        jetty.setHandler(upgrades);
        metrics.gauge("websocket.dispatch.queue.depth", "Events accepted but not yet dispatched",
                stream::pendingEvents);
        metrics.gauge("websocket.history.events", "Events retained for resuming subscribers", stream::retainedEvents);
        metrics.gauge("websocket.known.incidents", "Incidents held for filters, snapshots and the incidents API",
                stream::knownIncidents);
        // Presence (issue 19).
        metrics.gauge("presence.watched.incidents", "Incidents with at least one watcher",
                stream.presence()::watchedIncidents);
        metrics.gauge("presence.watchers", "Watchers summed over incidents (a user with several sessions counts once)",
                stream.presence()::watchers);
        metrics.counter("presence.messages.sent", "Presence messages handed to sessions",
                stream.presence()::messagesSent);
    }

    public IncidentStreamServer start() throws Exception {
        jetty.start();
        scheduleMaintenance();
        warnIfOpen();
        if (connector != null) {
            LOG.info("incident-stream {} listening on http://{}:{} (WebSocket at ws://{}:{}/ws)", Version.current(),
                    config.text("host"), port(), config.text("host"), port());
        }
        if (tlsConnector != null) {
            LOG.info("incident-stream {} listening on https://{}:{} (WebSocket at wss://{}:{}/ws; {})",
                    Version.current(), config.text("host"), tlsPort(), config.text("host"), tlsPort(),
                    String.join(", ", TlsConnectors.PROTOCOLS));
        }
        return this;
    }

    /**
     * Heartbeats and sweeps run on the one timer thread. The stalled-write check runs often enough to
     * catch a stuck socket within about a quarter of the write timeout.
     */
    private void scheduleMaintenance() {
        SessionMaintenance maintenance = stream.maintenance();
        long heartbeat = config.number("heartbeat_interval_secs");
        long cleanup = config.number("cleanup_interval_secs");
        long stallCheck = Math.max(100, Math.min(1000, config.number("write_timeout_ms") / 4));
        timer.scheduleWithFixedDelay(guarded(maintenance::sendHeartbeats), heartbeat, heartbeat, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(guarded(maintenance::closeIdleSessions), cleanup, cleanup, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(guarded(maintenance::expireRetained), cleanup, cleanup, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(guarded(maintenance::closeStalledSessions), stallCheck, stallCheck,
                TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(guarded(maintenance::closeExpiredSessions), 1, 1, TimeUnit.SECONDS);
    }

    /** An open server is fine for a first try on a laptop and dangerous anywhere else: say so loudly. */
    private void warnIfOpen() {
        if (authentication.checkPublisher(null) == AuthenticationUseCase.PublisherCheck.ACCEPTED) {
            LOG.warn("OPEN: no publisher API keys are configured, so anyone who can reach this server can publish."
                    + " Set api_keys (or api_key_hashes / api_keys_file); see docs/security.md.");
        }
        if (!authentication.subscribersAuthenticate()) {
            LOG.warn("OPEN: no subscriber token verification is configured, so anyone who can reach this server"
                    + " can subscribe and see every incident. Set jwt_hs256_secret or jwt_public_key_file;"
                    + " see docs/security.md.");
        }
    }

    /** A failing run must not cancel the schedule (a scheduled task that throws is never run again). */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("maintenance task failed", e);
            }
        };
    }

    /** The bound plain HTTP port (useful when configured as 0); -1 when {@code http_enabled=false}. */
    public int port() {
        return connector == null ? -1 : connector.getLocalPort();
    }

    /** The bound HTTPS/WSS port (useful when configured as 0); -1 when TLS is not configured. */
    public int tlsPort() {
        return tlsConnector == null ? -1 : tlsConnector.getLocalPort();
    }

    public IncidentStream stream() {
        return stream;
    }

    /** The one shutdown path; safe to call more than once. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("shutting down: refusing new connections, telling {} clients to reconnect",
                stream.statistics().statistics().activeConnections());
        try {
            if (connector != null) {
                connector.close();
            }
            if (tlsConnector != null) {
                tlsConnector.close();
            }
            stream.shutdown(Duration.ofSeconds(config.number("shutdown_timeout_secs")));
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("error while stopping Jetty", e);
        } finally {
            timer.shutdownNow();
            metrics.close();
        }
        LOG.info("stopped");
    }
}
