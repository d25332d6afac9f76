package io.incidentstream.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A client of the {@code /ws} stream that misses nothing (docs/client-guide.md): it reconnects with
 * exponential backoff and full jitter, honours the server's {@code closing} notice, resumes each
 * subscription from its own position ({@code since}/{@code epoch}), takes a snapshot when the server
 * cannot replay, heals {@code gap}s by resuming, and removes duplicates by (epoch, seq). Events of one
 * subscription are delivered in seq order; events of different subscriptions may interleave out of
 * order while a replay runs.
 *
 * <p>All state lives on one thread of the client's own, which also calls the {@link Listener}; the
 * public methods may be called from any thread.
 */
public final class IncidentStreamClient implements AutoCloseable {

    /** Reconnecting cannot help after these: 1002/1007/1009 a broken client, 1008 policy, 4001 no valid token. */
    private static final Set<Integer> FATAL = Set.of(1002, 1007, 1008, 1009, 4001);

    private final Supplier<URI> url;
    private final Supplier<Map<String, String>> headers;
    private final Listener listener;
    private final Backoff backoff;
    private final Duration pingInterval;
    private final Duration livenessTimeout;
    private final Duration connectTimeout;
    private final int dedupWindow;
    private final HttpClient http;
    private final ScheduledExecutorService loop;

    // Everything below is touched only on the loop thread.
    private final Map<String, Sub> subs = new LinkedHashMap<>();
    private final Set<Long> seen = new HashSet<>();
    private Connection ws;
    private boolean running;
    private String epoch;
    private long maxSeen;
    private int attempt;
    private Closing closing;
    private String session;
    private Duration liveness = Duration.ofSeconds(75);
    private ScheduledFuture<?> watchdog;
    private ScheduledFuture<?> stable;
    private ScheduledFuture<?> pinger;
    private ScheduledFuture<?> reconnect;

    private IncidentStreamClient(Builder b) {
        this.url = b.url;
        this.headers = b.headers;
        this.listener = b.listener;
        this.backoff = b.backoff;
        this.pingInterval = b.pingInterval;
        this.livenessTimeout = b.livenessTimeout;
        this.connectTimeout = b.connectTimeout;
        this.dedupWindow = b.dedupWindow;
        this.http = b.http != null ? b.http : HttpClient.newHttpClient();
        this.loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "incident-stream-client");
            thread.setDaemon(true);
            return thread;
        });
        for (Subscription s : b.subscriptions) {
            subs.put(s.id(), new Sub(s));
        }
    }

    /** A client of {@code ws://host:port/ws}. */
    public static Builder builder(URI url) {
        Objects.requireNonNull(url, "url");
        return new Builder(() -> url);
    }

    /** A client whose URL is asked for before every connection attempt (for a fresh token, for example). */
    public static Builder builder(Supplier<URI> url) {
        return new Builder(Objects.requireNonNull(url, "url"));
    }

    public void start() {
        onLoop(() -> {
            if (!running) {
                running = true;
                attempt = 0;
                connect();
            }
        });
    }

    /** Closes the connection (1000) and stops reconnecting; positions are kept, so start() resumes. */
    public void stop() {
        call(() -> {
            running = false;
            cancel(reconnect);
            Connection current = ws;
            if (current != null) {
                closed(current, 1000, "client stopped");
                current.close(1000, "client stopped");
            } else {
                status(Status.State.STOPPED, null, 1000, "client stopped", null, null);
            }
            return null;
        });
    }

    @Override
    public void close() {
        stop();
        loop.shutdown();
    }

    /** Adds or replaces a subscription, also while connected. */
    public void subscribe(Subscription subscription) {
        onLoop(() -> {
            Sub sub = new Sub(subscription);
            subs.put(sub.id, sub);
            if (welcomed()) {
                sendSubscribe(sub);
            }
        });
    }

    public void unsubscribe(String id) {
        onLoop(() -> {
            if (subs.remove(id) != null && welcomed()) {
                send(Codec.JSON.createObjectNode().put("type", "unsubscribe").put("subscription_id", id));
            }
        });
    }

    /** Sends a fresh token for this session before the old one expires (the server answers {@code refreshed}). */
    public void refresh(String token) {
        onLoop(() -> send(Codec.JSON.createObjectNode().put("type", "refresh").put("token", token)));
    }

    /** Where each subscription would resume (null until it has a position): save them to resume after a restart. */
    public Map<String, Position> positions() {
        return call(() -> {
            Map<String, Position> out = new LinkedHashMap<>();
            for (Sub s : subs.values()) {
                out.put(s.id, s.seq == null || s.epoch == null ? null : new Position(s.seq, s.epoch));
            }
            return out;
        });
    }

    /** The current connection, for tests that break it. */
    Connection connection() {
        return call(() -> ws);
    }

    private void connect() {
        closing = null;
        session = null;
        status(Status.State.CONNECTING, null, null, null, null, null);
        Connection connection = new Connection(new Connection.Events() {
            @Override
            public void message(Connection c, String text) {
                onLoop(() -> IncidentStreamClient.this.message(c, text));
            }

            @Override
            public void closed(Connection c, int code, String reason) {
                onLoop(() -> IncidentStreamClient.this.closed(c, code, reason));
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
                    onLoop(() -> {
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
            safely(() -> listener.onError(new ServerError("BAD_FRAME", text, null)));
            return;
        }
        // Every frame, the server's pong heartbeat included, proves the connection alive.
        watch(c, liveness);
        switch (m.path("type").asText()) {
            case "welcome" -> welcome(c, m);
            case "subscribed" -> subscribed(m);
            case "event" -> event(m);
            case "snapshot" -> snapshot(m);
            case "gap" -> gap(m);
            case "closing" -> closing = read(m, Closing.class);
            case "error" -> error(c, m);
            default -> {
                // pong, unsubscribed, refreshed, and types added later
            }
        }
    }

    private void welcome(Connection c, JsonNode m) {
        String welcomeEpoch = m.path("epoch").asText(null);
        if (!Objects.equals(welcomeEpoch, epoch)) { // a new stream: seqs restart, nothing of the old can repeat
            epoch = welcomeEpoch;
            seen.clear();
            maxSeen = 0;
        }
        liveness = livenessTimeout != null ? livenessTimeout
                : Duration.ofSeconds(2L * m.path("heartbeat_interval_secs").asLong(30) + 10);
        watch(c, liveness);
        session = m.path("session_id").asText();
        // Reset the backoff only once a connection has lasted: a server that accepts and drops at once
        // must not be hammered in a tight loop.
        cancel(stable);
        stable = loop.schedule(() -> {
            attempt = 0;
        }, backoff.stable().toMillis(), TimeUnit.MILLISECONDS);
        if (pingInterval != null && !pingInterval.isZero()) {
            cancel(pinger);
            pinger = loop.scheduleAtFixedRate(() -> send(Codec.JSON.createObjectNode().put("type", "ping")),
                    pingInterval.toMillis(), pingInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        status(Status.State.OPEN, session, null, null, null, null);
        for (Sub sub : subs.values()) {
            sendSubscribe(sub);
        }
    }

    private void sendSubscribe(Sub sub) {
        ObjectNode msg = Codec.JSON.createObjectNode().put("type", "subscribe").put("subscription_id", sub.id);
        msg.set("filters", Codec.JSON.valueToTree(sub.filters));
        if (!sub.snapshotDue && sub.seq != null && sub.epoch != null) {
            // Resume. With since, the server sends the snapshot only if it cannot replay (recovered: false).
            msg.put("since", sub.seq).put("epoch", sub.epoch).put("snapshot", true);
            sub.awaiting = sub.seq;
        } else {
            msg.put("snapshot", sub.snapshotDue); // first start, or an earlier snapshot never finished
            sub.awaiting = null;
        }
        sub.pending++;
        send(msg);
    }

    private void subscribed(JsonNode m) {
        Sub sub = subs.get(m.path("subscription_id").asText());
        // Replies to superseded subscribes change nothing: only the latest one says where we stand.
        if (sub == null || --sub.pending > 0) {
            return;
        }
        sub.awaiting = null;
        JsonNode recovered = m.path("recovered");
        if (recovered.isBoolean() && !recovered.booleanValue()) {
            sub.snapshotDue = true; // the server sends one: we asked with snapshot: true
        }
        sub.replayLeft = recovered.asBoolean(false) ? m.path("replayed").asLong(0) : 0;
        sub.liveFrom = m.path("seq").asLong();
        // Nothing owed before S: the subscription is complete up to S, so resume from there next time.
        if (!sub.snapshotDue && sub.replayLeft == 0) {
            advance(sub, sub.liveFrom);
        }
    }

    private void snapshot(JsonNode m) {
        SnapshotPage page = read(m, SnapshotPage.class);
        safely(() -> listener.onSnapshot(page));
        Sub sub = subs.get(page.subscriptionId());
        if (page.last() && sub != null && sub.pending == 0) {
            sub.snapshotDue = false; // only a complete snapshot counts: a cut-off one is asked for again
            advance(sub, page.seq());
        }
    }

    private void event(JsonNode m) {
        long seq = m.path("seq").asLong();
        List<String> ids = new ArrayList<>();
        m.path("subscription_ids").forEach(id -> ids.add(id.asText()));
        List<Sub> matched = new ArrayList<>();
        for (String id : ids) {
            Sub sub = subs.get(id);
            if (sub != null) {
                matched.add(sub);
            }
        }
        // A replay frame (one subscription, still owed replayed events) is older than the live stream.
        if (matched.size() == ids.size() && matched.stream().noneMatch(s -> s.replayLeft > 0)) {
            passedLive(seq);
        }
        // After a gap every subscription resumed from before it. Until the server confirms, frames still
        // in flight would be replayed anyway; skipping them keeps each subscription in seq order.
        if (!matched.isEmpty() && matched.stream().allMatch(s -> s.awaiting != null && seq > s.awaiting)) {
            return;
        }
        for (Sub sub : matched) {
            if (sub.pending > 0 || sub.snapshotDue) {
                continue;
            }
            advance(sub, seq);
            if (sub.replayLeft > 0 && --sub.replayLeft == 0) {
                advance(sub, sub.liveFrom);
            }
        }
        // A replay for one subscription may repeat what another already delivered.
        if (!seen.add(seq)) {
            return;
        }
        if (seq > maxSeen) {
            maxSeen = seq;
            if (seen.size() > 2 * dedupWindow) {
                // Nothing this far back can be replayed again: the server no longer retains it.
                long floor = maxSeen - dedupWindow;
                seen.removeIf(s -> s <= floor);
            }
        }
        EventFrame frame = new EventFrame(uuid(m.path("message_id")), readEvent(m.path("event")),
                read(m.path("timestamp"), java.time.Instant.class), seq, read(m.path("priority"), Priority.class),
                List.copyOf(ids), epoch, m);
        safely(() -> listener.onEvent(frame));
    }

    /**
     * Live events reach a session in seq order, so a settled subscription has had everything up to a
     * live event's seq, even if none of it matched: advancing quiet subscriptions keeps their resume
     * point inside what the server retains. Not so for a replay, nor another subscription's S.
     */
    private void passedLive(long seq) {
        for (Sub sub : subs.values()) {
            if (settled(sub)) {
                advance(sub, seq);
            }
        }
    }

    private static boolean settled(Sub sub) {
        return sub.pending == 0 && sub.replayLeft == 0 && !sub.snapshotDue && sub.seq != null;
    }

    private void gap(JsonNode m) {
        Gap gap = read(m, Gap.class);
        safely(() -> listener.onGap(gap));
        // The session lost events in [from_seq, to_seq]; everything before from_seq arrived. Resuming every
        // subscription from there replays exactly what is missing (a resubscribe replaces the old one).
        for (Sub sub : subs.values()) {
            if (sub.seq == null || !Objects.equals(sub.epoch, epoch) || sub.snapshotDue) {
                continue; // its own subscribe is still due
            }
            // A gap before the reply to our resume lies before that resume's S: its replay covers it.
            if (sub.awaiting != null && sub.awaiting < gap.fromSeq()) {
                continue;
            }
            // A settled subscription has everything before from_seq; one still catching up may not.
            sub.seq = settled(sub) ? gap.fromSeq() - 1 : Math.min(sub.seq, gap.fromSeq() - 1);
            sendSubscribe(sub);
        }
    }

    private void error(Connection c, JsonNode m) {
        ServerError error = read(m, ServerError.class);
        safely(() -> listener.onError(error));
        // These refuse a subscribe (and name it): no subscribed will come for it.
        if ("SUBSCRIPTION_LIMIT".equals(error.code()) || "FORBIDDEN".equals(error.code())) {
            Sub sub = error.subscriptionId() == null ? null : subs.get(error.subscriptionId());
            if (sub != null && sub.pending > 0 && --sub.pending == 0) {
                sub.awaiting = null;
            }
        }
        // The server drops messages over its rate without saying which; a lost subscribe would leave a
        // subscription waiting forever, so start again from known positions.
        if ("RATE_LIMITED".equals(error.code()) && subs.values().stream().anyMatch(s -> s.pending > 0)) {
            abandon(c, "a subscribe was rate limited");
        }
    }

    private void advance(Sub sub, long seq) {
        if (!Objects.equals(sub.epoch, epoch) || sub.seq == null || seq > sub.seq) {
            sub.seq = seq;
        }
        sub.epoch = epoch;
    }

    private void closed(Connection c, int code, String reason) {
        if (c != ws) {
            return; // a socket we already gave up on
        }
        ws = null;
        cancel(watchdog);
        cancel(stable);
        cancel(pinger);
        for (Sub sub : subs.values()) {
            sub.pending = 0;
            sub.awaiting = null;
            sub.replayLeft = 0;
        }
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
        // Exponential backoff with full jitter: spreads many clients over the whole window.
        double ceiling = Math.min(backoff.max().toMillis(), backoff.initial().toMillis() * Math.pow(2, attempt));
        attempt++;
        long delay = (long) (ThreadLocalRandom.current().nextDouble() * ceiling);
        // The server randomises retry_after_ms per session, so honouring it spreads a restart's reconnects.
        if (notice != null && notice.retryAfterMs() != null) {
            delay = Math.max(delay, notice.retryAfterMs());
        }
        status(Status.State.RECONNECTING, null, effective, reason, notice, delay);
        reconnect = loop.schedule(() -> {
            if (running) {
                connect();
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** A silent peer may never finish a closing handshake: stop listening and reconnect now. */
    private void watch(Connection c, Duration timeout) {
        cancel(watchdog);
        watchdog = loop.schedule(() -> abandon(c, "nothing received for " + timeout.toMillis() + " ms"),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void abandon(Connection c, String reason) {
        if (c != ws) {
            return;
        }
        closed(c, 1006, reason);
        c.abort();
    }

    private void send(ObjectNode message) {
        Connection c = ws;
        if (c != null && c.isOpen()) {
            c.send(message.toString());
        }
    }

    private boolean welcomed() {
        return ws != null && ws.isOpen() && session != null;
    }

    private void status(Status.State state, String sessionId, Integer code, String reason, Closing notice, Long delayMs) {
        Status s = new Status(state, attempt, sessionId, epoch, code, reason, notice, delayMs);
        safely(() -> listener.onStatus(s));
    }

    private static Event readEvent(JsonNode node) {
        try {
            return Codec.JSON.treeToValue(node, Event.class);
        } catch (Exception e) {
            return null; // an event type or shape this client does not know: EventFrame.raw has it
        }
    }

    private static <T> T read(JsonNode node, Class<T> type) {
        try {
            return node == null || node.isNull() || node.isMissingNode() ? null : Codec.JSON.treeToValue(node, type);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + type.getSimpleName() + " from " + node, e);
        }
    }

    private static java.util.UUID uuid(JsonNode node) {
        return node.isTextual() ? java.util.UUID.fromString(node.asText()) : null;
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    /** A listener that throws must not break the client's loop. */
    private static void safely(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            System.getLogger(IncidentStreamClient.class.getName())
                    .log(System.Logger.Level.WARNING, "an incident-stream listener threw", e);
        }
    }

    private void onLoop(Runnable task) {
        loop.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                System.getLogger(IncidentStreamClient.class.getName())
                        .log(System.Logger.Level.ERROR, "incident-stream client failed", e);
            }
        });
    }

    private <T> T call(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(task.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A subscription's state: where it stands, and what is in flight. */
    private static final class Sub {
        final String id;
        final Filters filters;
        Long seq;            // resume point: complete up to here...
        String epoch;        // ...in this epoch
        boolean snapshotDue; // the next subscribe asks for a snapshot instead of resuming
        int pending;         // subscribes sent and not yet answered; only the latest reply counts
        Long awaiting;       // since of the resume in flight: later frames of the old one will be replayed
        long replayLeft;     // replayed events still to come, as announced by subscribed
        long liveFrom;       // S of the latest subscribed

        Sub(Subscription s) {
            this.id = s.id();
            this.filters = s.filters();
            boolean resuming = s.resumeFrom() != null;
            this.seq = resuming ? s.resumeFrom().seq() : null;
            this.epoch = resuming ? s.resumeFrom().epoch() : null;
            this.snapshotDue = s.snapshot() && !resuming;
        }
    }

    /** Options; see docs/client-guide.md for what each one does. */
    public static final class Builder {
        private final Supplier<URI> url;
        private Supplier<Map<String, String>> headers = Map::of;
        private Listener listener = new Listener() {
        };
        private final List<Subscription> subscriptions = new ArrayList<>();
        private Backoff backoff = Backoff.defaults();
        private Duration pingInterval = Duration.ZERO;
        private Duration livenessTimeout;
        private Duration connectTimeout = Duration.ofSeconds(15);
        private int dedupWindow = 10_000;
        private HttpClient http;

        private Builder(Supplier<URI> url) {
            this.url = url;
        }

        public Builder listener(Listener value) {
            listener = Objects.requireNonNull(value);
            return this;
        }

        public Builder subscribe(Subscription value) {
            subscriptions.add(Objects.requireNonNull(value));
            return this;
        }

        /** Headers for the upgrade, asked for on every attempt: e.g. {@code Authorization: Bearer <token>}. */
        public Builder headers(Supplier<Map<String, String>> value) {
            headers = Objects.requireNonNull(value);
            return this;
        }

        /** {@code Authorization: Bearer <token>} with a token asked for on every attempt. */
        public Builder bearerToken(Supplier<String> token) {
            return headers(() -> Map.of("Authorization", "Bearer " + token.get()));
        }

        public Builder backoff(Backoff value) {
            backoff = Objects.requireNonNull(value);
            return this;
        }

        /** Send a ping message this often (zero: rely on the server's heartbeats, the default). */
        public Builder pingInterval(Duration value) {
            pingInterval = value;
            return this;
        }

        /** Reconnect when nothing arrived for this long; default twice the server's heartbeat plus 10 s. */
        public Builder livenessTimeout(Duration value) {
            livenessTimeout = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = Objects.requireNonNull(value);
            return this;
        }

        /** How many seqs back duplicates are recognised; keep it at least the server's history_capacity. */
        public Builder dedupWindow(int value) {
            dedupWindow = value;
            return this;
        }

        public Builder httpClient(HttpClient value) {
            http = value;
            return this;
        }

        public IncidentStreamClient build() {
            return new IncidentStreamClient(this);
        }
    }
}
