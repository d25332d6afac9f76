package io.incidentstream.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

/**
 * Keeps one connection to the server while the client runs: connects, notices a silent peer,
 * honours the server's {@code closing} notice, and reconnects with the {@link Backoff}. The
 * subscriptions' messages go to the {@link MessageHandler}. Everything here runs on the
 * {@link ClientThread}.
 */
final class ReconnectLoop implements MessageHandler.Wire {

    /** Reconnecting cannot help after these: 1002/1007/1009 a broken client, 1008 policy, 4001 no valid token. */
    private static final Set<Integer> FATAL = Set.of(1002, 1007, 1008, 1009, 4001);

    private final Supplier<URI> url;
    private final Supplier<Map<String, String>> headers;
    private final Backoff backoff;
    private final Duration pingInterval;
    private final Duration livenessTimeout;
    private final Duration connectTimeout;
    private final HttpClient http;
    private final ClientThread thread;
    private final SafeListener listener;
    private MessageHandler messages;

    private Connection ws;
    private boolean running;
    private int attempt;
    private Closing closing;
    private String session;
    private Duration liveness = Duration.ofSeconds(75);
    private ScheduledFuture<?> watchdog;
    private ScheduledFuture<?> stable;
    private ScheduledFuture<?> pinger;
    private ScheduledFuture<?> reconnect;

    ReconnectLoop(IncidentStreamClient.Builder b, ClientThread thread, SafeListener listener) {
        this.url = b.url;
        this.headers = b.headers;
        this.backoff = b.backoff;
        this.pingInterval = b.pingInterval;
        this.livenessTimeout = b.livenessTimeout;
        this.connectTimeout = b.connectTimeout;
        this.http = b.http != null ? b.http : HttpClient.newHttpClient();
        this.thread = thread;
        this.listener = listener;
    }

    /** Set once, before start: the handler needs this loop as its wire, so it is made after it. */
    void deliverTo(MessageHandler handler) {
        this.messages = handler;
    }

    void start() {
        if (!running) {
            running = true;
            attempt = 0;
            connect();
        }
    }

    void stop() {
        boolean wasRunning = running;
        running = false;
        ClientThread.cancel(reconnect);
        Connection current = ws;
        if (current != null) {
            closed(current, 1000, "client stopped");
            current.close(1000, "client stopped");
        } else if (wasRunning) {
            status(Status.State.STOPPED, null, 1000, "client stopped", null, null);
        }
        // Else already stopped (a fatal close, or an earlier stop): its status, with the reason, stands.
    }

    Connection current() {
        return ws;
    }

    @Override
    public void send(ObjectNode message) {
        Connection c = ws;
        if (c != null && c.isOpen()) {
            c.send(message.toString());
        }
    }

    @Override
    public boolean welcomed() {
        return ws != null && ws.isOpen() && session != null;
    }

    @Override
    public void abandon(String reason) {
        Connection c = ws;
        if (c != null) {
            abandon(c, reason);
        }
    }

    private void connect() {
        closing = null;
        session = null;
        status(Status.State.CONNECTING, null, null, null, null, null);
        if (!running) {
            return; // the listener stopped the client on hearing it connect
        }
        Connection connection = new Connection(new Connection.Events() {
            @Override
            public void message(Connection c, String text) {
                thread.execute(() -> ReconnectLoop.this.message(c, text));
            }

            @Override
            public void closed(Connection c, int code, String reason) {
                thread.execute(() -> ReconnectLoop.this.closed(c, code, reason));
            }
        });
        ws = connection;
        watch(connection, connectTimeout);
        try {
            WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(connectTimeout);
            // Asked on every attempt, so that each can carry a fresh credential.
            headers.get().forEach(builder::header);
            builder.buildAsync(url.get(), connection).whenComplete((socket, failed) -> {
                if (failed != null) {
                    thread.execute(() -> {
                        if (connection == ws) {
                            listener.onError(new ServerError("CONNECT_FAILED", String.valueOf(failed), null));
                        }
                        closed(connection, 1006, String.valueOf(failed));
                    });
                }
            });
        } catch (RuntimeException e) {
            listener.onError(new ServerError("CONNECT_FAILED", String.valueOf(e), null));
            closed(connection, 1006, String.valueOf(e));
        }
    }

    private void message(Connection c, String text) {
        if (c != ws) {
            return; // a frame still buffered in a socket we gave up on
        }
        JsonNode m;
        try {
            m = Codec.JSON.readTree(text);
        } catch (Exception e) {
            listener.onError(new ServerError("BAD_FRAME", text, null));
            return;
        }
        // Every frame, the server's pong heartbeat included, proves the connection alive.
        watch(c, liveness);
        switch (m.path("type").asText()) {
            case "welcome" -> welcome(c, m);
            case "closing" -> closing = Codec.read(m, Closing.class);
            default -> messages.handle(m);
        }
    }

    private void welcome(Connection c, JsonNode m) {
        messages.enterEpoch(m.path("epoch").asText(null));
        liveness = livenessTimeout != null
                ? livenessTimeout
                : Duration.ofSeconds(2L * m.path("heartbeat_interval_secs").asLong(30) + 10);
        watch(c, liveness);
        session = m.path("session_id").asText();
        // Reset the backoff only once a connection has lasted: a server that accepts and drops at once
        // must not be hammered in a tight loop.
        ClientThread.cancel(stable);
        stable = thread.schedule(
                () -> {
                    attempt = 0;
                },
                backoff.stable());
        if (pingInterval != null && !pingInterval.isZero()) {
            ClientThread.cancel(pinger);
            pinger = thread.scheduleAtFixedRate(
                    () -> send(Codec.JSON.createObjectNode().put("type", "ping")), pingInterval);
        }
        status(Status.State.OPEN, session, null, null, null, null);
        messages.subscribeAll();
    }

    private void closed(Connection c, int code, String reason) {
        if (c != ws) {
            return; // a socket we already gave up on
        }
        ws = null;
        ClientThread.cancel(watchdog);
        ClientThread.cancel(stable);
        ClientThread.cancel(pinger);
        messages.connectionLost();
        Closing notice = closing;
        // The close frame may be lost (1006) after the server said why it was closing: trust the notice.
        int effective = notice != null ? notice.code() : code;
        if (!running || FATAL.contains(effective) || (notice != null && !notice.reconnect())) {
            running = false;
            status(Status.State.STOPPED, null, effective, reason, notice, null);
            return;
        }
        if (effective == 4029) {
            attempt += 2; // we were too chatty: wait markedly longer
        }
        long delay = backoff.delayMillis(attempt);
        attempt++;
        // The server randomises retry_after_ms per session, so honouring it spreads a restart's reconnects.
        if (notice != null && notice.retryAfterMs() != null) {
            delay = Math.max(delay, notice.retryAfterMs());
        }
        status(Status.State.RECONNECTING, null, effective, reason, notice, delay);
        reconnect = thread.schedule(
                () -> {
                    if (running) {
                        connect();
                    }
                },
                Duration.ofMillis(delay));
    }

    /** A silent peer may never finish a closing handshake: stop listening and reconnect now. */
    private void watch(Connection c, Duration timeout) {
        ClientThread.cancel(watchdog);
        watchdog = thread.schedule(() -> abandon(c, "nothing received for " + timeout.toMillis() + " ms"), timeout);
    }

    private void abandon(Connection c, String reason) {
        if (c != ws) {
            return;
        }
        closed(c, 1006, reason);
        c.abort();
    }

    private void status(
            Status.State state, String sessionId, Integer code, String reason, Closing notice, Long delayMs) {
        Status s = new Status(state, attempt, sessionId, messages.epoch(), code, reason, notice, delayMs);
        listener.onStatus(s);
    }
}
