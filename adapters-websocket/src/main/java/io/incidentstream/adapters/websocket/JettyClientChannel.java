package io.incidentstream.adapters.websocket;

import io.incidentstream.application.message.Closing;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.port.out.ClientChannel;
import io.incidentstream.application.port.out.WriteCallback;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/** A session's channel over a Jetty WebSocket: encodes each message and writes it asynchronously. */
final class JettyClientChannel implements ClientChannel {

    /** Frames handed to Jetty in one write at most; bounds what a batch holds beyond the session's queue. */
    private static final int MAX_BATCH = 32;

    private final Session session;
    private final CoreSession core;
    private final ServerMessageWriter writer;
    private final ScheduledExecutorService timer;
    private final long closeGraceMillis;
    private final String remoteAddress;
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();

    JettyClientChannel(Session session, ServerMessageWriter writer, ScheduledExecutorService timer,
                       long closeGraceMillis, String remoteAddress) {
        this.session = session;
        this.core = ((WebSocketSession) session).getCoreSession();
        this.writer = writer;
        this.timer = timer;
        this.closeGraceMillis = closeGraceMillis;
        this.remoteAddress = remoteAddress;
    }

    @Override
    public void write(ServerMessage message, WriteCallback callback) {
        write(List.of(message), callback);
    }

    @Override
    public int maxBatch() {
        return MAX_BATCH;
    }

    /**
     * All frames are queued on the core session at once, the last one flushing: Jetty writes what is
     * queued with one gathering write, and only the last frame's completion is the batch's.
     */
    @Override
    public void write(List<ServerMessage> messages, WriteCallback callback) {
        Frame[] frames = new Frame[messages.size()];
        try {
            for (int i = 0; i < frames.length; i++) {
                // The Jetty API only sends text from a String (encoding it again); the core session sends our bytes.
                frames[i] = new Frame(OpCode.TEXT, true, ByteBuffer.wrap(writer.write(messages.get(i))));
            }
        } catch (RuntimeException e) {
            callback.failed(e);
            return;
        }
        int last = frames.length - 1;
        for (int i = 0; i < last; i++) {
            core.sendFrame(frames[i], org.eclipse.jetty.util.Callback.NOOP, true);
        }
        core.sendFrame(frames[last], org.eclipse.jetty.util.Callback.from(callback::written, callback::failed), false);
    }

    /**
     * Starts the close handshake; a client that does not answer within the grace period (it may not
     * be reading at all) is disconnected, so that no socket outlives its session.
     */
    @Override
    public void close(int code, String reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        session.close(code, reason, Callback.NOOP);
        // isOpen() turns false as soon as the close starts, so it cannot tell whether the peer answered:
        // disconnect regardless (a no-op for a connection that already ended).
        timer.schedule(session::disconnect, closeGraceMillis, TimeUnit.MILLISECONDS);
    }

    /** Sends {@code closing} and closes at once: for a connection that never became a session. */
    void refuse(Closing closing) {
        session.sendText(new String(writer.write(closing), java.nio.charset.StandardCharsets.UTF_8),
                Callback.from(() -> close(closing.code(), closing.reason()), failure -> session.disconnect()));
    }

    @Override
    public void ping() {
        if (session.isOpen()) {
            session.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
        }
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }
}
