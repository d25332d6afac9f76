package io.incidentstream.adapters.websocket.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A client that stops reading: it never demands a frame until {@link #resume()}, so TCP back-pressure
 * reaches the server exactly as with a frozen browser tab. It can still send. It waits 20 s for the
 * close, long enough for the server to notice the stalled writes.
 */
public final class StalledClient extends JsonClient {

    private volatile boolean reading;

    private StalledClient() {
        super(Duration.ofSeconds(20));
    }

    public static StalledClient connect(WebSocketClient client, URI uri) throws Exception {
        return connect(client, uri, new StalledClient());
    }

    @Override
    public void onWebSocketText(String message) {
        super.onWebSocketText(message);
        if (reading) {
            session().demand();
        }
    }

    /** Starts reading again, everything the server managed to send first. */
    public void resume() {
        reading = true;
        session().demand();
    }

    /** Takes every message received so far. */
    public List<JsonNode> drain() {
        List<JsonNode> all = new ArrayList<>();
        inbox.drainTo(all);
        return all;
    }
}
