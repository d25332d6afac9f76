package io.incidentstream.adapters.websocket.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A real WebSocket client for tests: records every message as JSON and the close code, and waits
 * for conditions with a deadline instead of sleeping.
 */
public final class TestClient extends JsonClient implements Session.Listener.AutoDemanding, AutoCloseable {

    private final List<JsonNode> seen = new ArrayList<>();
    private final java.util.concurrent.Semaphore pongs = new java.util.concurrent.Semaphore(0);

    public TestClient() {
        super(TIMEOUT);
    }

    /** Connects and returns once the upgrade succeeded. */
    public static TestClient connect(WebSocketClient client, URI uri) throws Exception {
        return connect(client, uri, new TestClient());
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        pongs.release();
    }

    /** Waits for the pong frame answering a {@link #sendPing()}. */
    public void awaitPong() throws InterruptedException {
        if (!pongs.tryAcquire(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("no pong frame within " + TIMEOUT);
        }
    }

    public void sendBinary(byte[] bytes) {
        session().sendBinary(ByteBuffer.wrap(bytes), Callback.NOOP);
    }

    public void sendPing() {
        session().sendPing(ByteBuffer.wrap(new byte[] {1}), Callback.NOOP);
    }

    /** The next message, whatever its type. */
    public JsonNode next() throws InterruptedException {
        JsonNode message = inbox.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + TIMEOUT + "; saw " + seen);
        }
        seen.add(message);
        return message;
    }

    /** The next message of {@code type}, skipping (and remembering) others. */
    public JsonNode next(String type) throws InterruptedException {
        return nextMatching(m -> type.equals(m.path("type").asText()), "type " + type);
    }

    public JsonNode nextMatching(Predicate<JsonNode> condition, String description) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message =
                    inbox.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (message == null) {
                break;
            }
            seen.add(message);
            if (condition.test(message)) {
                return message;
            }
        }
        throw new AssertionError("no message with " + description + " within " + TIMEOUT + "; saw " + seen);
    }

    /** Whether another message arrives within {@code wait}: used to show that something was NOT delivered. */
    public JsonNode poll(Duration wait) throws InterruptedException {
        JsonNode message = inbox.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (message != null) {
            seen.add(message);
        }
        return message;
    }

    public boolean isOpen() {
        Session session = session();
        return session != null && session.isOpen();
    }

    @Override
    public void close() {
        if (isOpen()) {
            session().close();
        }
    }
}
