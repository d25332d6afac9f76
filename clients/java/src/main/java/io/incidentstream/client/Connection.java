package io.incidentstream.client;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket connection of the client, on the JDK's {@link WebSocket}: reassembles text
 * messages, keeps sends in order (the JDK allows one outstanding send), and reads one message at a
 * time, so that a paused reader really stops reading and TCP backs up into the server's queue.
 */
final class Connection implements WebSocket.Listener {

    /** What the connection reports, each on the JDK's thread; the client moves them onto its own. */
    interface Events {
        void message(Connection connection, String text);

        void closed(Connection connection, int code, String reason);
    }

    private final Events events;
    private final StringBuilder partial = new StringBuilder();
    private final AtomicBoolean closedReported = new AtomicBoolean();
    private volatile WebSocket socket;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    private volatile boolean paused;
    private boolean demandOwed;

    Connection(Events events) {
        this.events = events;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            events.message(this, text);
        }
        synchronized (this) {
            if (paused) {
                demandOwed = true;
            } else {
                webSocket.request(1);
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        reportClosed(statusCode, reason);
        // Answer the server's close frame, then let go of the socket.
        return webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").handle((ok, failed) -> {
            webSocket.abort();
            return null;
        });
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        reportClosed(1006, String.valueOf(error));
    }

    private void reportClosed(int code, String reason) {
        if (closedReported.compareAndSet(false, true)) {
            events.closed(this, code, reason);
        }
    }

    boolean isOpen() {
        WebSocket s = socket;
        return s != null && !s.isOutputClosed() && !s.isInputClosed();
    }

    /** Queues a text message behind any send still in progress. */
    synchronized void send(String text) {
        WebSocket s = socket;
        if (s == null) {
            return;
        }
        sending = sending.handle((ok, failed) -> null).thenCompose(ignored -> s.sendText(text, true));
    }

    void close(int code, String reason) {
        WebSocket s = socket;
        if (s != null) {
            s.sendClose(code, reason).whenComplete((ok, failed) -> s.abort());
        }
    }

    /** Drops the connection at once, without a closing handshake (as if the network went away): reported as 1006. */
    void abort() {
        WebSocket s = socket;
        if (s != null) {
            s.abort();
        }
        reportClosed(1006, "connection aborted");
    }

    /** Stops reading: used by tests to stall like a slow client. */
    void pause() {
        paused = true;
    }

    synchronized void resume() {
        paused = false;
        if (demandOwed && socket != null) {
            demandOwed = false;
            socket.request(1);
        }
    }
}
