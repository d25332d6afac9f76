package io.incidentstream.application.fakes;

import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.port.out.ClientChannel;
import io.incidentstream.application.port.out.WriteCallback;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client connection that records what the session writes, in order. Writes complete at once on
 * the calling thread (the hardest case for the session: no recursion allowed), or, after
 * {@link #hold()}, stay in flight like writes to a client that stopped reading, until a test
 * completes or fails them. Records the close code and reason, and how many writes were ever in
 * flight at once (the contract allows one).
 */
public final class RecordingChannel implements ClientChannel {

    private static final long TIMEOUT_SECONDS = 5;

    private final List<ServerMessage> messages = new ArrayList<>();
    private final BlockingQueue<ServerMessage> unread = new LinkedBlockingQueue<>();
    private final Deque<WriteCallback> held = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean holding;
    private int inFlight;
    private int maxInFlight;
    private CloseCode closeCode;
    private String closeReason;
    private int closeCalls;
    private int pings;
    private volatile boolean dropped;
    private volatile long writeProgress;
    private volatile Runnable onClose = () -> {};
    private final String transport;
    private final boolean clientSends;

    /** A two-way connection, as a WebSocket's. */
    public RecordingChannel() {
        this("ws", true);
    }

    /** A connection of {@code transport}, whose client can send or not (a Server-Sent Events stream cannot). */
    public RecordingChannel(String transport, boolean clientSends) {
        this.transport = transport;
        this.clientSends = clientSends;
    }

    @Override
    public String transport() {
        return transport;
    }

    @Override
    public boolean clientSends() {
        return clientSends;
    }

    @Override
    public void write(ServerMessage message, WriteCallback callback) {
        boolean completeNow;
        synchronized (this) {
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            messages.add(message);
            completeNow = !holding;
            if (!completeNow) {
                held.add(callback);
            }
        }
        unread.add(message);
        if (completeNow) {
            complete(callback);
        }
    }

    @Override
    public void close(CloseCode code, String reason) {
        synchronized (this) {
            closeCalls++;
            if (closeCode == null) {
                closeCode = code;
                closeReason = reason;
            }
        }
        closed.countDown();
        onClose.run();
    }

    @Override
    public void ping() {
        synchronized (this) {
            pings++;
        }
    }

    /** How many WebSocket pings the session sent. */
    public synchronized int pings() {
        return pings;
    }

    /** Open until the session closes it, or until {@link #drop()} simulates a vanished socket. */
    @Override
    public boolean isOpen() {
        return closed.getCount() > 0 && !dropped;
    }

    /** The socket disappears without any close being reported (as when a close event is lost). */
    public void drop() {
        dropped = true;
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1";
    }

    /** Runs when the session closes the channel: e.g. report {@code disconnected}, as an adapter would. */
    public void onClose(Runnable action) {
        this.onClose = action;
    }

    /** The held write's socket took some bytes, not all: a reader that is slow, not stopped. */
    public void tookSomeBytes() {
        writeProgress++;
    }

    @Override
    public long writeProgress() {
        return writeProgress;
    }

    /** Later writes stay in flight until completed: a client that stopped reading. */
    public synchronized void hold() {
        holding = true;
    }

    /** Writes complete at once again, starting with any held one. */
    public void release() {
        synchronized (this) {
            holding = false;
        }
        while (completeHeld()) {
            // Completing one may start the next write, which now completes at once.
        }
    }

    /** Completes the oldest held write, if any, leaving later writes held. */
    public boolean completeHeld() {
        WriteCallback callback;
        synchronized (this) {
            callback = held.poll();
        }
        if (callback == null) {
            return false;
        }
        complete(callback);
        return true;
    }

    /** Fails the oldest held write, as a broken socket would. */
    public void failHeld(Throwable cause) {
        WriteCallback callback;
        synchronized (this) {
            callback = held.poll();
            inFlight--;
        }
        callback.failed(cause);
    }

    public synchronized int heldWrites() {
        return held.size();
    }

    /** Every message handed to {@link #write}, in order. */
    public synchronized List<ServerMessage> messages() {
        return List.copyOf(messages);
    }

    public synchronized <T extends ServerMessage> List<T> messages(Class<T> type) {
        return messages.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The next message not yet taken, which must be a {@code type}; waits up to 5 seconds for it. */
    public <T extends ServerMessage> T next(Class<T> type) {
        ServerMessage message = take(type);
        if (!type.isInstance(message)) {
            throw new AssertionError("expected a " + type.getSimpleName() + " but the next message was " + message);
        }
        return type.cast(message);
    }

    /** The next {@code type} message not yet taken, skipping others; waits up to 5 seconds for it. */
    public <T extends ServerMessage> T nextOf(Class<T> type) {
        while (true) {
            ServerMessage message = take(type);
            if (type.isInstance(message)) {
                return type.cast(message);
            }
        }
    }

    private ServerMessage take(Class<?> wanted) {
        ServerMessage message = uninterrupted(() -> unread.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        if (message == null) {
            throw new AssertionError("no " + wanted.getSimpleName() + " within 5s; written so far: " + messages());
        }
        return message;
    }

    public void awaitClosed() {
        if (!uninterrupted(() -> closed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS))) {
            throw new AssertionError("not closed within 5s; written: " + messages());
        }
    }

    private static <T> T uninterrupted(java.util.concurrent.Callable<T> wait) {
        try {
            return wait.call();
        } catch (Exception e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }

    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** The code of the first close, or null while open. */
    public synchronized CloseCode closeCode() {
        return closeCode;
    }

    public synchronized String closeReason() {
        return closeReason;
    }

    public synchronized int closeCalls() {
        return closeCalls;
    }

    /** The most writes ever in flight at once; the session must keep this at 1. */
    public synchronized int maxWritesInFlight() {
        return maxInFlight;
    }

    private void complete(WriteCallback callback) {
        synchronized (this) {
            inFlight--;
        }
        callback.written();
    }
}
