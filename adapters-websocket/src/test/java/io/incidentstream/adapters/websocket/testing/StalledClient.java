package io.incidentstream.adapters.websocket.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import java.util.ArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A client that stops reading: it never demands a frame until {@link #resume()}, so TCP back-pressure
 * reaches the server exactly as with a frozen browser tab. It can still send.
 */
public final class StalledClient implements Session.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Session session;
    private volatile boolean reading;
    private volatile int closeCode = -1;

    public static StalledClient connect(WebSocketClient client, URI uri) throws Exception {
        StalledClient endpoint = new StalledClient();
        client.connect(endpoint, new ClientUpgradeRequest(uri)).get(10, TimeUnit.SECONDS);
        return endpoint;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
    }

    @Override
    public void onWebSocketText(String message) {
        try {
            received.add(JSON.readTree(message));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (reading) {
            session.demand();
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        closeCode = statusCode;
        closed.countDown();
        callback.succeed();
    }

    public void send(String text) {
        session.sendText(text, Callback.NOOP);
    }

    /** Starts reading again, everything the server managed to send first. */
    public void resume() {
        reading = true;
        session.demand();
    }

    /** Takes every message received so far. */
    public List<JsonNode> drain() {
        List<JsonNode> all = new ArrayList<>();
        received.drainTo(all);
        return all;
    }

    public int awaitClose() throws InterruptedException {
        if (!closed.await(20, TimeUnit.SECONDS)) {
            throw new AssertionError("not closed within 20 s; received " + received.size() + " messages");
        }
        return closeCode;
    }
}
