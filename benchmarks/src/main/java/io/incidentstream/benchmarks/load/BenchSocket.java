package io.incidentstream.benchmarks.load;

import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One load-client connection: sends its subscribe message on open, reports once when the
 * subscription is confirmed, then hands every later text frame to {@code onMessage}. Does nothing
 * blocking in Jetty's callbacks.
 */
public final class BenchSocket implements Session.Listener.AutoDemanding {

    /** What the program wants to hear about. */
    public interface Events {
        void ready(BenchSocket socket);

        void closed(BenchSocket socket, int code, String reason);
    }

    /** Counts the sockets that became ready and those that closed; prints the first few closes. */
    public static final class Counts implements Events {
        private static final int CLOSES_PRINTED = 5;

        private final java.util.concurrent.atomic.AtomicInteger ready = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicInteger closed =
                new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void ready(BenchSocket socket) {
            ready.incrementAndGet();
        }

        @Override
        public void closed(BenchSocket socket, int code, String reason) {
            if (closed.incrementAndGet() <= CLOSES_PRINTED) {
                System.err.println("connection closed: " + code + " " + reason);
            }
        }

        public int ready() {
            return ready.get();
        }

        /** A subscriber that is not a socket (an SSE stream) became ready. */
        public void readyOne() {
            ready.incrementAndGet();
        }

        /** A subscriber that is not a socket (an SSE stream) ended. */
        public void closedOne(String reason) {
            if (closed.incrementAndGet() <= CLOSES_PRINTED) {
                System.err.println("stream ended: " + reason);
            }
        }

        public int closed() {
            return closed.get();
        }

        /**
         * Waits until all {@code total} subscribers are ready or failed to connect (bounded: 60 s and 10 ms
         * more per subscriber); fails unless all are ready.
         */
        public void awaitReady(int total, java.util.function.IntSupplier failed, String what)
                throws InterruptedException {
            long deadline = System.nanoTime() + (60_000L + total * 10L) * 1_000_000L;
            while (ready.get() + failed.getAsInt() < total && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (ready.get() < total) {
                throw new IllegalStateException("only " + ready.get() + " of " + total + " " + what + " are ready ("
                        + failed.getAsInt() + " failed to connect)");
            }
        }

        /** Waits, at most {@code timeoutMillis}, until {@code count} sockets have closed (their close handshakes done). */
        public void awaitClosed(int count, long timeoutMillis) throws InterruptedException {
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            while (closed.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
    }

    private final Target target;
    private final String subscribeMessage;
    private final Consumer<String> onMessage;
    private final Events events;
    private volatile Session session;
    private volatile boolean ready;
    private final java.util.concurrent.atomic.AtomicBoolean gone = new java.util.concurrent.atomic.AtomicBoolean();

    public BenchSocket(Target target, String subscribeMessage, Consumer<String> onMessage, Events events) {
        this.target = target;
        this.subscribeMessage = subscribeMessage;
        this.onMessage = onMessage;
        this.events = events;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        if (subscribeMessage == null) {
            becomeReady();
        } else {
            session.sendText(subscribeMessage, Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketText(String text) {
        if (!ready && target.confirms(text)) {
            becomeReady();
            return;
        }
        onMessage.accept(text);
    }

    private void becomeReady() {
        ready = true;
        events.ready(this);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        if (gone.compareAndSet(false, true)) {
            events.closed(this, statusCode, reason);
        }
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        if (gone.compareAndSet(false, true)) {
            events.closed(this, 1006, String.valueOf(cause));
        }
    }

    public boolean isReady() {
        return ready;
    }

    /** Sends a text message, when the session is open; does not wait for it to be written. */
    public void send(String text) {
        Session current = session;
        if (current != null && current.isOpen()) {
            current.sendText(text, Callback.NOOP);
        }
    }

    /**
     * Sends a text message and waits until it is written (or failed): a send issued while the
     * previous one is still being written would otherwise fail unseen. False when the session is
     * closed, the write failed, or it did not complete within {@code timeoutMillis}.
     */
    public boolean sendAwaited(String text, long timeoutMillis) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            return false;
        }
        Callback.Completable written = new Callback.Completable();
        current.sendText(text, written);
        try {
            written.get(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    /** Closes normally; the session may already be gone. */
    public void close() {
        Session current = session;
        if (current != null && current.isOpen()) {
            current.close(1000, "done", Callback.NOOP);
        }
    }
}
