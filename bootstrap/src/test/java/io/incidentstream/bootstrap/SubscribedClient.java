package io.incidentstream.bootstrap;

import io.incidentstream.adapters.websocket.testing.TestClient;
import java.net.URI;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/** The first steps of most WebSocket tests: connect, read the {@code welcome}, subscribe, read {@code subscribed}. */
final class SubscribedClient {

    private SubscribedClient() {}

    /** A client connected to {@code uri}, past its {@code welcome}, that sent {@code subscribe} and read the {@code subscribed}. */
    static TestClient connect(WebSocketClient ws, URI uri, String subscribe) throws Exception {
        TestClient client = TestClient.connect(ws, uri);
        client.next("welcome");
        client.send(subscribe);
        client.next("subscribed");
        return client;
    }
}
