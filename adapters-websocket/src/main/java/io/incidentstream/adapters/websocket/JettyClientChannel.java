package io.incidentstream.adapters.websocket;

import io.incidentstream.application.message.Closing;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.port.out.ClientChannel;
import io.incidentstream.application.port.out.WriteCallback;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * A session's channel over a Jetty WebSocket: puts each message's UTF-8 text into a pooled direct
 * buffer and writes it asynchronously through the core session, which sends the bytes as they are.
 */
final class JettyClientChannel implements ClientChannel {

    /** Frames handed to Jetty in one write at most; bounds what a batch holds beyond the session's queue. */
    private static final int MAX_BATCH = 32;

    /** What every channel of the server shares, held once: there is a channel per connection. */
    record Shared(ServerMessageWriter writer, ScheduledExecutorService timer, long closeGraceMillis) {
    }

    private final Session session;
    private final Shared shared;
    private final String remoteAddress;
    private static final java.lang.invoke.VarHandle CLOSING;

    static {
        try {
            CLOSING = java.lang.invoke.MethodHandles.lookup().findVarHandle(JettyClientChannel.class, "closing",
                    boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Set once, through {@link #CLOSING}: no AtomicBoolean per connection. */
    @SuppressWarnings("unused")
    private volatile boolean closing;

    JettyClientChannel(Session session, Shared shared, String remoteAddress) {
        this.session = session;
        this.shared = shared;
        this.remoteAddress = remoteAddress;
    }

    /** The Jetty API only sends text from a String (encoding it again); the core session sends our bytes. */
    private CoreSession core() {
        return ((WebSocketSession) session).getCoreSession();
    }

    @Override
    public void write(ServerMessage message, WriteCallback callback) {
        RetainableByteBuffer.Mutable buffer = null;
        try {
            byte[] reply = encodeReply(message);
            buffer = acquire(lengthOf(message, reply));
            put(message, reply, buffer.getByteBuffer());
        } catch (RuntimeException e) {
            release(buffer);
            callback.failed(e);
            return;
        }
        core().sendFrame(new Frame(OpCode.TEXT, true, buffer.getByteBuffer()), new Written(buffer, callback), false);
    }

    @Override
    public int maxBatch() {
        return MAX_BATCH;
    }

    /**
     * All frames are queued on the core session at once, the last one flushing: Jetty writes what is
     * queued with one gathering write, and only the last frame's completion is the batch's. Their
     * payloads share one pooled buffer.
     */
    @Override
    public void write(List<ServerMessage> messages, WriteCallback callback) {
        int count = messages.size();
        byte[][] replies = new byte[count][];
        int[] lengths = new int[count];
        RetainableByteBuffer.Mutable buffer = null;
        try {
            int total = 0;
            for (int i = 0; i < count; i++) {
                replies[i] = encodeReply(messages.get(i));
                lengths[i] = lengthOf(messages.get(i), replies[i]);
                total += lengths[i];
            }
            buffer = acquire(total);
            for (int i = 0; i < count; i++) {
                put(messages.get(i), replies[i], buffer.getByteBuffer());
            }
        } catch (RuntimeException e) {
            release(buffer);
            callback.failed(e);
            return;
        }
        Written written = new Written(buffer, callback);
        ByteBuffer bytes = buffer.getByteBuffer();
        int offset = 0;
        for (int i = 0; i < count; i++) {
            Frame frame = new Frame(OpCode.TEXT, true, bytes.slice(offset, lengths[i]));
            offset += lengths[i];
            boolean last = i == count - 1;
            core().sendFrame(frame, last ? written : org.eclipse.jetty.util.Callback.NOOP, !last);
        }
    }

    /** A reply's UTF-8 text; null for an event, whose frame is completed straight into the buffer. */
    private byte[] encodeReply(ServerMessage message) {
        return message instanceof EventMessage ? null : shared.writer().write(message);
    }

    private int lengthOf(ServerMessage message, byte[] reply) {
        return reply != null ? reply.length : frameOf((EventMessage) message).length(((EventMessage) message).subscriptionIds());
    }

    /** Appends one message's UTF-8 text to {@code bytes}, which stays in flush mode (the message ends before its limit). */
    private void put(ServerMessage message, byte[] reply, ByteBuffer bytes) {
        int start = BufferUtil.flipToFill(bytes);
        if (reply != null) {
            bytes.put(reply);
        } else {
            EventMessage event = (EventMessage) message;
            frameOf(event).writeTo(bytes, event.subscriptionIds());
        }
        BufferUtil.flipToFlush(bytes, start);
    }

    private EventFrame frameOf(EventMessage event) {
        return (EventFrame) event.event().encoded(shared.writer());
    }

    /** Direct and pooled: the socket writes it without copying it first, and nothing is left for the GC. */
    private RetainableByteBuffer.Mutable acquire(int length) {
        return core().getByteBufferPool().acquire(length, true);
    }

    private static void release(RetainableByteBuffer buffer) {
        if (buffer != null) {
            buffer.release();
        }
    }

    /**
     * One write's completion: releases its buffer to the pool, then tells the session. A new small
     * object per write rather than fields of the channel: the channel lives long, and under G1 every
     * store into a long-lived object costs the collector more than a short-lived allocation does.
     */
    private static final class Written implements org.eclipse.jetty.util.Callback {

        private final RetainableByteBuffer buffer;
        private final WriteCallback callback;

        Written(RetainableByteBuffer buffer, WriteCallback callback) {
            this.buffer = buffer;
            this.callback = callback;
        }

        @Override
        public void succeeded() {
            buffer.release();
            callback.written();
        }

        @Override
        public void failed(Throwable cause) {
            buffer.release();
            callback.failed(cause);
        }
    }

    /**
     * Starts the close handshake; a client that does not answer within the grace period (it may not
     * be reading at all) is disconnected, so that no socket outlives its session.
     */
    @Override
    public void close(int code, String reason) {
        if (!CLOSING.compareAndSet(this, false, true)) {
            return;
        }
        session.close(code, reason, Callback.NOOP);
        // isOpen() turns false as soon as the close starts, so it cannot tell whether the peer answered:
        // disconnect regardless (a no-op for a connection that already ended).
        shared.timer().schedule(session::disconnect, shared.closeGraceMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends {@code closing} and closes at once: for a connection that never became a session. */
    void refuse(Closing closing) {
        session.sendText(new String(shared.writer().write(closing), java.nio.charset.StandardCharsets.UTF_8),
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
