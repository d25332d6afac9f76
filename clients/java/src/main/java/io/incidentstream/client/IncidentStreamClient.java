package io.incidentstream.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * public methods may be called from any thread, the listener's included. That thread is a daemon:
 * a client left unclosed does not keep the JVM alive, so a program whose {@code main} returns
 * straight after {@code start()} ends there. After {@link #close()}, {@link #positions()} still
 * answers (to save them) and {@link #stop()} does nothing; the other methods throw
 * {@link IllegalStateException}.
 */
public final class IncidentStreamClient implements AutoCloseable {

    private final ClientThread thread = new ClientThread();
    private final ReconnectLoop reconnectLoop;
    private final MessageHandler messages;

    private IncidentStreamClient(Builder b) {
        SafeListener listener = new SafeListener(b.listener);
        this.reconnectLoop = new ReconnectLoop(b, thread, listener);
        this.messages = new MessageHandler(b.subscriptions, b.dedupWindow, listener, reconnectLoop);
        reconnectLoop.deliverTo(messages);
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
        thread.execute(reconnectLoop::start);
    }

    /**
     * Closes the connection (1000) and stops reconnecting; positions are kept, so start() resumes.
     * On a client already stopped (by the server's fatal close, say), it reports no second status.
     */
    public void stop() {
        thread.call(() -> {
            reconnectLoop.stop();
            return null;
        });
    }

    @Override
    public void close() {
        stop();
        thread.shutdown();
    }

    /** Adds or replaces a subscription, also while connected. */
    public void subscribe(Subscription subscription) {
        thread.execute(() -> messages.subscribe(subscription));
    }

    public void unsubscribe(String id) {
        thread.execute(() -> messages.unsubscribe(id));
    }

    /** Sends a fresh token for this session before the old one expires (the server answers {@code refreshed}). */
    public void refresh(String token) {
        thread.execute(() -> reconnectLoop.send(
                Codec.JSON.createObjectNode().put("type", "refresh").put("token", token)));
    }

    /** Where each subscription would resume (null until it has a position): save them to resume after a restart. */
    public Map<String, Position> positions() {
        return thread.call(messages::positions);
    }

    /** The current connection, for tests that break it. */
    Connection connection() {
        return thread.call(reconnectLoop::current);
    }

    /** Options; see docs/client-guide.md for what each one does. */
    public static final class Builder {
        // Package-private: the ReconnectLoop reads its settings from here.
        final Supplier<URI> url;
        Supplier<Map<String, String>> headers = Map::of;
        Listener listener = new Listener() {};
        final List<Subscription> subscriptions = new ArrayList<>();
        Backoff backoff = Backoff.defaults();
        Duration pingInterval = Duration.ZERO;
        Duration livenessTimeout;
        Duration connectTimeout = Duration.ofSeconds(15);
        int dedupWindow = 10_000;
        HttpClient http;

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
