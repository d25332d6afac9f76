package io.incidentstream.adapters.websocket;

import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.message.Closing;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.port.out.ClientChannel;
import io.incidentstream.application.port.out.WriteCallback;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * A session's channel over a Jetty core WebSocket session: writes each message's UTF-8 text
 * asynchronously, as the bytes are. An event goes out in a {@link PooledFrame}: the encoded event
 * and this session's subscription ids copied into a reused buffer, which returns to the
 * server's {@link FramePool} when Jetty has written it, so a delivery allocates no frame of its own.
 * (Jetty's pooled direct buffers were measured worse: as many frames may be in flight as there are
 * sessions, beyond what Jetty's pool keeps, so it allocated and freed direct memory each time. Ours
 * makes a bounded number of direct frames and keeps them all; beyond the bound it makes heap frames
 * and lets them go.) Other messages are rare and written as new arrays.
 *
 * <p>Event frames go straight to the connection's {@link FrameWriter}, framed, when they can (see {@link
 * #straight}); everything else takes the session's whole outgoing path.
 */
final class JettyClientChannel implements ClientChannel {

    /** This transport's name in metrics and logs (the {@code transport} label). */
    static final String TRANSPORT = "ws";

    /** Frames handed to Jetty in one write at most; bounds what a batch holds beyond the session's queue. */
    private static final int MAX_BATCH = 32;

    /** What every channel of the server shares, held once: there is a channel per connection. */
    record Shared(ServerMessageWriter writer, ScheduledExecutorService timer, long closeGraceMillis, FramePool frames) {

        Shared(ServerMessageWriter writer, ScheduledExecutorService timer, long closeGraceMillis) {
            this(writer, timer, closeGraceMillis, new FramePool());
        }
    }

    private final CoreSession session;
    /**
     * The writer to hand event frames to directly, framed, or null. Through the session, a frame
     * passes its state check, its fragmenting flusher and the extension stack before it reaches the
     * connection: a tenth of the server's CPU at 1,000 subscribers and 100 events/s (measured,
     * issue 14). An event frame needs none of them while no extension is negotiated and it fits one
     * frame. It cannot overtake a reply sent through the session: a session starts its next write
     * only once the previous one completed, a batch goes one way whole, straight only when every
     * frame in it may, and the session's frames reach the same writer. Once the close frame is
     * queued the writer refuses frames, so a late event fails its write as it would through the
     * session. With permessage-deflate every frame takes the session's path, which compresses it.
     */
    private final FrameWriter straight;

    private final Shared shared;
    private final String remoteAddress;
    private static final java.lang.invoke.VarHandle SENT_CLOSE;

    static {
        try {
            SENT_CLOSE = java.lang.invoke.MethodHandles.lookup()
                    .findVarHandle(JettyClientChannel.class, "sentClose", SentClose.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Set once, through {@link #SENT_CLOSE}, when this server starts the close: no AtomicReference per connection. */
    @SuppressWarnings("unused")
    private volatile SentClose sentClose;

    /** The close this server sent, with its reason. */
    record SentClose(CloseCode code, String reason) {}

    /** A close started when the connection could no longer carry its frame. */
    private static final SentClose NOT_SENT = new SentClose(null, null);

    JettyClientChannel(CoreSession session, Shared shared, String remoteAddress) {
        this.session = session;
        this.shared = shared;
        this.remoteAddress = remoteAddress;
        if (session instanceof WebSocketCoreSession core
                && core.getConnection() instanceof DirectWriteConnection connection
                && !core.getExtensionStack().hasNegotiatedExtensions()) {
            this.straight = connection.writer();
        } else {
            this.straight = null;
        }
    }

    /** Whether {@code frame}, an event's, may go straight to the connection (see {@link #straight}). */
    private boolean canGoStraight(Frame frame) {
        // Read from the session each time rather than kept: a field more per connection costs
        // more, over thousands of idle connections, than two reads per delivery.
        return straight != null && (!session.isAutoFragment() || frame.getPayloadLength() <= session.getMaxFrameSize());
    }

    @Override
    public void write(ServerMessage message, WriteCallback callback) {
        if (message instanceof EventMessage event) {
            PooledFrame frame;
            try {
                frame = frameOf(event, callback);
            } catch (RuntimeException e) {
                callback.failed(e);
                return;
            }
            if (canGoStraight(frame.frame())) {
                straight.offer(frame);
                straight.iterate();
            } else {
                session.sendFrame(frame.frame(), frame, false);
            }
            return;
        }
        ByteBuffer bytes;
        try {
            bytes = ByteBuffer.wrap(shared.writer().write(message));
        } catch (RuntimeException e) {
            callback.failed(e);
            return;
        }
        session.sendFrame(new Frame(OpCode.TEXT, true, bytes), new Written(callback), false);
    }

    /** The event's frame for this session, encoded once per event, copied into a frame from the pool. */
    private PooledFrame frameOf(EventMessage event, WriteCallback own) {
        EventFrame encoded = (EventFrame) event.event().encoded(shared.writer());
        PooledFrame frame = shared.frames().take(PooledFrame.bufferLength(encoded.length(event.subscriptionIds())));
        frame.fill(encoded, event.subscriptionIds(), own);
        return frame;
    }

    @Override
    public int maxBatch() {
        return MAX_BATCH;
    }

    /**
     * All frames are queued at once, and written together by one gathering write (through the
     * session, all but the last batched); only the last frame's completion is the batch's.
     */
    @Override
    public void write(List<ServerMessage> messages, WriteCallback callback) {
        if (allEvents(messages)) {
            writeEvents(messages, callback);
        } else {
            writeMixed(messages, callback);
        }
    }

    private static boolean allEvents(List<ServerMessage> messages) {
        for (int i = 0; i < messages.size(); i++) {
            if (!(messages.get(i) instanceof EventMessage)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A batch of events, the usual batch: its frames are chained through {@link WriterItem#next}
     * rather than collected in arrays, so that the batch allocates nothing.
     */
    private void writeEvents(List<ServerMessage> messages, WriteCallback callback) {
        int count = messages.size();
        PooledFrame first = null;
        PooledFrame last = null;
        boolean allStraight = true;
        try {
            for (int i = 0; i < count; i++) {
                // Only the last frame's completion is the batch's.
                PooledFrame frame = frameOf((EventMessage) messages.get(i), i == count - 1 ? callback : null);
                allStraight &= canGoStraight(frame.frame());
                if (last == null) {
                    first = frame;
                } else {
                    last.next = frame;
                }
                last = frame;
            }
        } catch (RuntimeException e) {
            callback.failed(e);
            return;
        }
        for (PooledFrame frame = first; frame != null; ) {
            // Unlinked before it is handed over: once written, it may be filled for another session.
            PooledFrame next = (PooledFrame) frame.next;
            frame.next = null;
            if (allStraight) {
                straight.offer(frame);
            } else {
                session.sendFrame(frame.frame(), frame, next != null);
            }
            frame = next;
        }
        if (allStraight) {
            straight.iterate();
        }
    }

    private void writeMixed(List<ServerMessage> messages, WriteCallback callback) {
        int count = messages.size();
        Frame[] frames = new Frame[count];
        Callback[] completions = new Callback[count];
        try {
            for (int i = 0; i < count; i++) {
                // Only the last frame's completion is the batch's.
                WriteCallback own = i == count - 1 ? callback : null;
                if (messages.get(i) instanceof EventMessage event) {
                    PooledFrame frame = frameOf(event, own);
                    frames[i] = frame.frame();
                    completions[i] = frame;
                } else {
                    frames[i] = new Frame(
                            OpCode.TEXT, true, ByteBuffer.wrap(shared.writer().write(messages.get(i))));
                    completions[i] = own == null ? Callback.NOOP : new Written(own);
                }
            }
        } catch (RuntimeException e) {
            callback.failed(e);
            return;
        }
        // A reply among them: the whole batch takes the session's path, in order.
        for (int i = 0; i < count; i++) {
            session.sendFrame(frames[i], completions[i], i != count - 1);
        }
    }

    /**
     * One write's completion, told to the session. A small object per write rather than state in
     * the channel: under G1, storing into a long-lived object costs more than a short-lived allocation.
     */
    private static final class Written implements Callback {

        private final WriteCallback callback;

        Written(WriteCallback callback) {
            this.callback = callback;
        }

        @Override
        public void succeeded() {
            callback.written();
        }

        @Override
        public void failed(Throwable cause) {
            callback.failed(cause);
        }
    }

    /**
     * Starts the close handshake; a client that does not answer within the grace period (it may not
     * be reading at all) is disconnected, so that no socket outlives its session.
     */
    @Override
    public void close(CloseCode code, String reason) {
        // A close after the peer has gone (a failed write) sends nothing: the log then keeps the peer's code.
        SentClose sent = session.isOutputOpen() ? new SentClose(code, reason) : NOT_SENT;
        if (!SENT_CLOSE.compareAndSet(this, null, sent)) {
            return;
        }
        session.close(code.code(), reason, Callback.NOOP);
        // isOpen() turns false as soon as the close starts, so it cannot tell whether the peer answered:
        // disconnect regardless (a no-op for a connection that already ended).
        shared.timer().schedule(session::abort, shared.closeGraceMillis(), TimeUnit.MILLISECONDS);
    }

    /** The Jetty session this channel writes to. */
    CoreSession socket() {
        return session;
    }

    /**
     * The close this server started, or null when it started none: what the log reports, since a
     * client that closes its socket without answering (a stalled reader, a flood) reports only 1006.
     */
    SentClose sentClose() {
        SentClose sent = sentClose;
        return sent == NOT_SENT ? null : sent;
    }

    /** Sends {@code closing} and closes at once: for a connection that never became a session. */
    void refuse(Closing closing) {
        session.sendFrame(
                new Frame(OpCode.TEXT, true, ByteBuffer.wrap(shared.writer().write(closing))),
                Callback.from(() -> close(closing.code(), closing.reason()), failure -> session.abort()),
                false);
    }

    /**
     * Where frames go straight, the ping is held back for the heartbeat's {@code pong} message, which
     * follows at once: the two leave in one write, one system call a heartbeat instead of two for
     * every idle connection. Should the message not come (the session is closing), the close frame
     * takes the ping along.
     */
    @Override
    public void ping() {
        if (!isOpen()) {
            return;
        }
        if (straight != null) {
            straight.holdPing();
        } else {
            session.sendFrame(new Frame(OpCode.PING), Callback.NOOP, false);
        }
    }

    @Override
    public boolean isOpen() {
        return session.isOutputOpen();
    }

    /** From the connection's own writer; asked only by the stalled-write sweep, so not kept in a field. */
    @Override
    public long writeProgress() {
        DirectWriteConnection connection = DirectWriteConnection.of(session);
        return connection != null ? connection.writer().progress() : 0;
    }

    @Override
    public String transport() {
        return TRANSPORT;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }
}
