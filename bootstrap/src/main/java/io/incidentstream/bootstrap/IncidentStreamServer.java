package io.incidentstream.bootstrap;

import io.incidentstream.adapters.http.HttpApi;
import io.incidentstream.adapters.metrics.PrometheusMetrics;
import io.incidentstream.adapters.websocket.ServerMessageWriter;
import io.incidentstream.adapters.websocket.WebSocketRoute;
import io.incidentstream.adapters.websocket.WebSocketSettings;
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
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: one Jetty port serving {@code /ws}, the HTTP API, metrics and health, and the
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
    private final ServerConnector connector;
    private final ScheduledExecutorService timer;
    private boolean stopped;

    @Inject
    IncidentStreamServer(ServerConfig config, IncidentStream stream, PrometheusMetrics metrics,
                         WebSocketSettings webSocket, ServerMessageWriter writer, HttpApi http, Clock clock,
                         ScheduledExecutorService timer, AuthenticationUseCase authentication) {
        this.config = config;
        this.stream = stream;
        this.metrics = metrics;
        this.timer = timer;
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("incident-stream-http");
        this.jetty = new Server(threads);
        // Our shutdown path closes sessions first; Jetty's own hook would race it with 1006s.
        jetty.setStopAtShutdown(false);
        jetty.setStopTimeout(5_000);
        this.connector = new ServerConnector(jetty);
        connector.setHost(config.text("host"));
        connector.setPort(config.integer("port"));
        jetty.addConnector(connector);
        WebSocketUpgradeHandler upgrades = WebSocketRoute.handler(jetty, webSocket, stream.sessions(),
                stream.connections(), authentication, writer, clock, timer);
        upgrades.setHandler(http);
        jetty.setHandler(upgrades);
        metrics.gauge("websocket.dispatch.queue.depth", "Events accepted but not yet dispatched",
                stream::pendingEvents);
    }

    public IncidentStreamServer start() throws Exception {
        jetty.start();
        scheduleMaintenance();
        LOG.info("incident-stream {} listening on http://{}:{} (WebSocket at /ws)", Version.current(),
                config.text("host"), port());
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

    /** The bound port (useful when configured as 0). */
    public int port() {
        return connector.getLocalPort();
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
            connector.close();
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
