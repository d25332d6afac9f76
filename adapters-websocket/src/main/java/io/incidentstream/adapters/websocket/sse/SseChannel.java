package io.incidentstream.adapters.websocket.sse;

import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.message.Welcome;
import io.incidentstream.application.port.in.ClientSession;
import io.incidentstream.application.port.out.ClientChannel;
import io.incidentstream.application.port.out.WriteCallback;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A session's channel over one {@code GET /sse} response: each message is one non-blocking write of
 * its SSE frame, completed by Jetty's callback; the session keeps at most one in flight. The stream
 * ends when the session closes the channel (the last, empty write), or is aborted when it cannot:
 * a write still stuck (a client that stopped reading) or a connection already failed.
 *
 * <p>No thread waits for anything here: the response stays open because the handler's callback is
 * completed only when the stream ends.
 */
final class SseChannel implements ClientChannel {

    /** This transport's name in metrics and logs (the {@code transport} label). */
    static final String TRANSPORT = "sse";

    private final Response response;
    private final SseFrames frames;
    private final String remoteAddress;
    private final Runnable release;
    /** The handler's callback: completed exactly once, when the stream ends. */
    private final Callback done;
    /** The {@code retry:} field, sent in front of the first message; null once sent. */
    private byte[] opening;
    /** From the session's {@code welcome}: the first half of every event's id. */
    private volatile String epoch = "";

    private ClientSession session;
    private boolean writing;
    private boolean closed;
    private boolean ended;

    /**
     * @param release gives back the connection's place (the connection gate's slot) when the stream ends
     */
    SseChannel(
            Response response,
            Callback done,
            SseFrames frames,
            String remoteAddress,
            long retryMillis,
            Runnable release) {
        this.response = response;
        this.done = done;
        this.frames = frames;
        this.remoteAddress = remoteAddress;
        this.release = release;
        this.opening = SseFrames.retry(retryMillis);
    }

    /** The session this channel carries; told when the stream ends, even if that already happened. */
    void attach(ClientSession session) {
        boolean alreadyEnded;
        synchronized (this) {
            this.session = session;
            alreadyEnded = ended;
        }
        if (alreadyEnded) {
            session.disconnected();
        }
    }

    @Override
    public void write(ServerMessage message, WriteCallback callback) {
        ByteBuffer bytes;
        try {
            if (message instanceof Welcome welcome) {
                epoch = welcome.epoch();
            }
            byte[] frame = frames.frame(message, epoch);
            bytes = withOpening(frame);
        } catch (RuntimeException e) {
            callback.failed(e);
            return;
        }
        synchronized (this) {
            if (closed) {
                bytes = null;
            } else {
                writing = true;
            }
        }
        if (bytes == null) {
            callback.failed(new ClosedChannelException());
            return;
        }
        response.write(false, bytes, new Written(callback));
    }

    /** The first write carries the {@code retry:} field in front of the message: one write, not two. */
    private ByteBuffer withOpening(byte[] frame) {
        byte[] first = opening;
        if (first == null) {
            return ByteBuffer.wrap(frame);
        }
        opening = null;
        ByteBuffer both = ByteBuffer.allocate(first.length + frame.length);
        both.put(first).put(frame).flip();
        return both;
    }

    /** One write's completion; a small object per write, as on the WebSocket channel. */
    private final class Written implements Callback {

        private final WriteCallback callback;

        Written(WriteCallback callback) {
            this.callback = callback;
        }

        @Override
        public void succeeded() {
            synchronized (SseChannel.this) {
                writing = false;
            }
            callback.written();
        }

        @Override
        public void failed(Throwable cause) {
            synchronized (SseChannel.this) {
                writing = false;
            }
            if (cause instanceof EofException || cause instanceof ClosedChannelException) {
                // The client went away, which is how every SSE stream ends, and the write is how the
                // server learns it: the session ends as disconnected, not with a send error.
                SseChannel.this.failed(cause);
            }
            callback.failed(cause);
        }
    }

    /**
     * Ends the stream. SSE has no close codes: {@code closing}, which the session sent before, says
     * why. With no write in flight the response is finished cleanly; with one stuck, the connection
     * is aborted, since nothing more can be written after it.
     */
    @Override
    public void close(CloseCode code, String reason) {
        boolean abort;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            abort = writing;
        }
        if (abort) {
            end(new TimeoutException("stream closed with a write pending: " + reason));
        } else {
            response.write(true, null, Callback.from(() -> end(null), this::end));
        }
    }

    /** The connection failed under the stream (the client went away, or reset its HTTP/2 stream). */
    void failed(Throwable cause) {
        synchronized (this) {
            closed = true;
        }
        end(cause);
    }

    private void end(Throwable failure) {
        ClientSession current;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            closed = true;
            current = session;
        }
        release.run();
        if (current != null) {
            current.disconnected();
        }
        if (failure == null) {
            done.succeeded();
        } else {
            done.failed(failure);
        }
    }

    /** Nothing: the heartbeat is the {@code pong} the session queues, written as a {@code : ping} comment. */
    @Override
    public void ping() {}

    @Override
    public synchronized boolean isOpen() {
        return !closed;
    }

    @Override
    public String transport() {
        return TRANSPORT;
    }

    /** The client of an event stream sends nothing after its request: the session never expects it to. */
    @Override
    public boolean clientSends() {
        return false;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }
}
