package io.incidentstream.adapters.websocket.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * What the test clients share: the session once open, every text message parsed as JSON into
 * {@link #inbox} in order of arrival, and how the connection closed.
 */
public abstract class JsonClient implements Session.Listener {

    /** How long a connect, or a test client's wait for a message, may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Duration closeWithin;
    private volatile Session session;
    private volatile int closeCode = -1;
    private volatile String closeReason;

    /** A client whose {@link #awaitClose()} waits {@code closeWithin}. */
    JsonClient(Duration closeWithin) {
        this.closeWithin = closeWithin;
    }

    /** Connects {@code endpoint} and returns it once the upgrade succeeded. */
    static <T extends JsonClient> T connect(WebSocketClient client, URI uri, T endpoint) throws Exception {
        client.connect(endpoint, new ClientUpgradeRequest(uri)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return endpoint;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
    }

    @Override
    public void onWebSocketText(String message) {
        try {
            inbox.add(JSON.readTree(message));
        } catch (Exception e) {
            throw new IllegalStateException("server sent invalid JSON: " + message, e);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        closeCode = statusCode;
        closeReason = reason;
        closed.countDown();
        callback.succeed();
    }

    public void send(String text) {
        session.sendText(text, Callback.NOOP);
    }

    /** The close code, once the connection closed. */
    public int awaitClose() throws InterruptedException {
        if (!closed.await(closeWithin.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(
                    "connection not closed within " + closeWithin + "; " + inbox.size() + " messages unread");
        }
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    public Session session() {
        return session;
    }
}
