package io.incidentstream.bootstrap;

import io.incidentstream.adapters.http.HttpApi;
import io.incidentstream.adapters.http.JsonErrorHandler;
import io.incidentstream.adapters.metrics.PrometheusMetrics;
import io.incidentstream.adapters.web.IncidentBoard;
import io.incidentstream.adapters.websocket.ServerMessageWriter;
import io.incidentstream.adapters.websocket.WebSocketRoute;
import io.incidentstream.adapters.websocket.WebSocketSettings;
import io.incidentstream.adapters.websocket.sse.SseRoute;
import io.incidentstream.adapters.websocket.sse.SseSettings;
import io.incidentstream.application.IncidentStream;
import io.incidentstream.application.port.in.AuthenticationUseCase;
import io.incidentstream.application.port.in.SessionMaintenance;
import io.incidentstream.bootstrap.config.ServerConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
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
    /** Request line and headers together: a 16 KiB token plus 16 KiB for everything else. */
    static final int REQUEST_HEADER_BYTES = 32 * 1024;
    /**
     * Each connection's kernel send buffer (Linux doubles it). Left to autotuning, it grows to 4 MiB,
     * and a full one turns writable again only once a third of it has drained: for a reader taking
     * 40 KB a second, 30 s in which the server sees its socket take nothing, and closes it as
     * stalled although it reads. A fixed 1 MiB (or less, as net.core.wmem_max allows) turns
     * writable every few seconds, and also bounds the kernel memory one slow reader holds. Events
     * are small: 1 MiB in flight is 50 MB/s at 20 ms of round trip.
     */
    static final int SEND_BUFFER_BYTES = 512 * 1024;

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
    private final HttpApi http;
    private final IncidentBoard board;
    private final SseSettings sse;
    /** The address listened on: {@code host}, or chosen by {@link #listenHost} when it is empty. */
    private final String host;

    private boolean started;
    private boolean failedToStart;
    private boolean stopped;
    private boolean clean = true;

    @Inject
    IncidentStreamServer(
            ServerConfig config,
            IncidentStream stream,
            PrometheusMetrics metrics,
            WebSocketSettings webSocket,
            ServerMessageWriter writer,
            Clock clock,
            ScheduledExecutorService timer,
            AuthenticationUseCase authentication,
            IncidentBoard board,
            SseSettings sse,
            HttpApi http) {
        this.config = config;
        this.stream = stream;
        this.metrics = metrics;
        this.timer = timer;
        this.authentication = authentication;
        this.http = http;
        this.board = board;
        this.sse = sse;
        this.host = listenHost(config, authentication);
        // First, so that a bad TLS configuration fails before anything else is built.
        java.util.Optional<SslContextFactory.Server> tls = TlsConnectors.sslContextFactory(config);
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("incident-stream-http");
        this.jetty = new Server(threads);
        // Our shutdown path closes sessions first; Jetty's own hook would race it with 1006s.
        jetty.setStopAtShutdown(false);
        jetty.setStopTimeout(5_000);
        if (config.listening().httpEnabled()) {
            this.connector = new ServerConnector(jetty);
            if (config.sseAndHttp2().http2Enabled()) {
                Http2.addCleartext(connector);
            }
            connector.setHost(host);
            connector.setPort(config.listening().port());
            connector.setAcceptedSendBufferSize(SEND_BUFFER_BYTES);
            jetty.addConnector(connector);
        } else {
            this.connector = null;
        }
        HttpConfiguration plain = connector != null
                ? connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration()
                : new HttpConfiguration();
        // No "Server: Jetty(x.y.z)" header: the version helps nobody but an attacker.
        plain.setSendServerVersion(false);
        // Subscriber tokens of up to 16 KiB (a scope listing many incidents makes them) must fit in an
        // Authorization header or in the request line (access_token), with the other headers beside
        // them: Jetty's default of 8 KiB answered such tokens 431 or 414 before they were read.
        plain.setRequestHeaderSize(REQUEST_HEADER_BYTES);
        jetty.setErrorHandler(new JsonErrorHandler());
        this.tlsConnector = tls.map(ssl -> TlsConnectors.connector(
                        jetty,
                        ssl,
                        plain,
                        host,
                        config.listening().tlsPort(),
                        config.sseAndHttp2().http2Enabled()))
                .orElse(null);
        if (tlsConnector != null) {
            jetty.addConnector(tlsConnector);
        }
        Handler.Wrapper upgrades = WebSocketRoute.handler(
                jetty, webSocket, stream.sessions(), stream.connections(), authentication, writer, clock, timer);
        // GET /sse is the same stream as /ws for clients that cannot hold a WebSocket. The board serves /
        // and /board/..., and passes everything else on to the HTTP API it wraps.
        upgrades.setHandler(new SseRoute(sse, stream.sessions(), stream.connections(), authentication, writer, board));
        jetty.setHandler(upgrades);
        metrics.gauge(
                "websocket.dispatch.queue.depth", "Events accepted but not yet dispatched", stream::pendingEvents);
        metrics.gauge("websocket.history.events", "Events retained for resuming subscribers", stream::retainedEvents);
        metrics.gauge(
                "websocket.known.incidents",
                "Incidents held for filters, snapshots and the incidents API",
                stream::knownIncidents);
        // Presence (issue 19).
        metrics.gauge(
                "presence.watched.incidents",
                "Incidents with at least one watcher",
                stream.presence()::watchedIncidents);
        metrics.gauge(
                "presence.watchers",
                "Watchers summed over incidents (a user with several sessions counts once)",
                stream.presence()::watchers);
        metrics.counter(
                "presence.messages.sent", "Presence messages handed to sessions", stream.presence()::messagesSent);
    }

    /**
     * Listens and serves. A port in use stops start-up with {@link PortInUseException} (one line
     * naming the setting); the connectors are opened here, before Jetty starts, so that Jetty does not
     * log the failure with a stack trace of its own first.
     */
    public IncidentStreamServer start() throws Exception {
        try {
            open(connector, "port", config.listening().port());
            open(tlsConnector, "tls_port", config.listening().tlsPort());
            jetty.start();
        } catch (Exception e) {
            failedToStart = true;
            throw e;
        }
        started = true;
        scheduleMaintenance();
        logBanner();
        warnIfOpen();
        SettingWarnings.log(config);
        // Once listening, not before: see PrometheusMetrics#bindJvmMetrics (a scrape meanwhile waits).
        metrics.bindJvmMetrics();
        return this;
    }

    private void open(ServerConnector connector, String setting, int configuredPort) throws Exception {
        if (connector == null) {
            return;
        }
        try {
            connector.open();
        } catch (java.io.IOException e) {
            if (e instanceof java.net.BindException || e.getCause() instanceof java.net.BindException) {
                throw new PortInUseException(host, configuredPort, setting);
            }
            throw e;
        }
    }

    /**
     * With no {@code host} given, an open server (no publisher keys, no subscriber tokens) listens on
     * loopback only, as Redis' protected mode does: a first try on a laptop is not served to the
     * network. Configuring access control, or any explicit {@code host}, listens where asked.
     */
    static String listenHost(ServerConfig config, AuthenticationUseCase authentication) {
        String host = config.listening().host();
        if (!host.isEmpty()) {
            return host;
        }
        return isOpen(authentication) ? "127.0.0.1" : "0.0.0.0";
    }

    private static boolean isOpen(AuthenticationUseCase authentication) {
        return authentication.checkPublisher(null) == AuthenticationUseCase.PublisherCheck.ACCEPTED
                && !authentication.subscribersAuthenticate();
    }

    private void logBanner() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add("incident-stream " + Version.current() + " ready");
        if (connector != null) {
            lines.add("listening on " + host + ":" + port() + " (HTTP)" + where());
            lines.addAll(StartupBanner.urls("http", host, port(), routes()));
        }
        if (tlsConnector != null) {
            lines.add("listening on " + host + ":" + tlsPort() + " (HTTPS, "
                    + String.join(", ", TlsConnectors.PROTOCOLS) + ")" + where());
            lines.addAll(StartupBanner.urls("https", host, tlsPort(), routes()));
        }
        lines.add("configuration from: " + String.join(", ", config.describeSources()));
        java.util.List<String> changed = config.describeNonDefaults();
        lines.add(
                changed.isEmpty()
                        ? "every setting at its default (--help lists them)"
                        : "settings not at their defaults:");
        changed.forEach(line -> lines.add("  " + line));
        LOG.info(String.join(System.lineSeparator(), lines));
        if (config.listening().host().isEmpty() && isOpen(authentication)) {
            LOG.warn("listening on loopback (127.0.0.1) only, because anyone could publish and subscribe: to serve"
                    + " other machines, configure access control (api_keys and jwt_hs256_secret; see"
                    + " docs/security.md), or set host explicitly (--host 0.0.0.0) to serve it open.");
        }
    }

    /**
     * What is served: the board's pages (it wraps the HTTP API), the Server-Sent Events stream, then
     * every route of the HTTP API.
     */
    private java.util.Map<String, java.util.List<String>> routes() {
        java.util.Map<String, java.util.List<String>> routes = new java.util.LinkedHashMap<>();
        routes.put("/", java.util.List.of("GET"));
        routes.put("/board", java.util.List.of("GET"));
        routes.put("/sse", java.util.List.of("GET"));
        routes.putAll(http.routes());
        return routes;
    }

    /**
     * Every path this server answers and its methods, asked of the handlers that answer them (the
     * board, the event stream, the HTTP API with {@code /ws}), not written out by hand: the API
     * documents are checked against it. The board also answers HEAD wherever it answers GET.
     *
     * @param withBoardFiles whether to include the board page's own files (scripts, style, icon)
     */
    java.util.Map<String, java.util.List<String>> servedRoutes(boolean withBoardFiles) {
        java.util.Map<String, java.util.List<String>> routes = new java.util.TreeMap<>();
        java.util.List<String> boardMethods = java.util.List.of("GET", "HEAD");
        board.pages().forEach(path -> routes.put(path, boardMethods));
        if (withBoardFiles) {
            board.files().forEach(path -> routes.put(path, boardMethods));
        }
        routes.put(sse.path(), java.util.List.of("GET", "OPTIONS"));
        routes.putAll(http.routes());
        return routes;
    }

    private String where() {
        return StartupBanner.isWildcard(host)
                ? ", every interface"
                : host.equals("127.0.0.1") || host.equals("::1") || host.equals("localhost") ? ", loopback only" : "";
    }

    /**
     * Heartbeats and sweeps run on the one timer thread. The stalled-write check runs often enough to
     * catch a stuck socket within about a quarter of the write timeout.
     */
    private void scheduleMaintenance() {
        SessionMaintenance maintenance = stream.maintenance();
        long heartbeat = config.sessions().heartbeatInterval().toSeconds();
        long cleanup = config.sessions().cleanupInterval().toSeconds();
        long stallCheck =
                Math.max(100, Math.min(1000, config.queues().writeTimeout().toMillis() / 4));
        timer.scheduleWithFixedDelay(guarded(maintenance::sendHeartbeats), heartbeat, heartbeat, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(guarded(maintenance::closeIdleSessions), cleanup, cleanup, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(guarded(maintenance::expireRetained), cleanup, cleanup, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(
                guarded(maintenance::closeStalledSessions), stallCheck, stallCheck, TimeUnit.MILLISECONDS);
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

    /** Whether {@link #start} failed (the process should then exit with an error, whatever stops it). */
    public synchronized boolean failedToStart() {
        return failedToStart;
    }

    /**
     * The one shutdown path; safe to call more than once.
     *
     * @return whether everything stopped without error
     */
    public synchronized boolean stop() {
        if (stopped) {
            return clean;
        }
        stopped = true;
        if (started) {
            LOG.info(
                    "shutting down: refusing new connections, telling {} to reconnect",
                    StartupBanner.count(stream.statistics().statistics().activeConnections(), "client"));
        }
        try {
            if (connector != null) {
                connector.close();
            }
            if (tlsConnector != null) {
                tlsConnector.close();
            }
            stream.shutdown(config.shutdown().timeout());
            jetty.stop();
        } catch (Exception e) {
            clean = false;
            LOG.warn("error while stopping Jetty", e);
        } finally {
            timer.shutdownNow();
            metrics.close();
        }
        if (started) {
            LOG.info(clean ? "stopped" : "stopped, with errors");
        }
        return clean;
    }
}
