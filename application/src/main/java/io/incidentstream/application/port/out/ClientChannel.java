package io.incidentstream.application.port.out;

import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.message.ServerMessage;
import java.util.List;

/** The connection to one client, as the session sees it. Implementations never block. */
public interface ClientChannel {

    /**
     * Starts writing one message. The session never has more than one write in flight; it calls
     * again only after {@code callback} completed. The callback may complete on any thread,
     * including the calling one.
     */
    void write(ServerMessage message, WriteCallback callback);

    /**
     * How many queued messages the session may hand over in one {@link #write(List, WriteCallback)}:
     * a channel that writes several frames in one go (one system call instead of one each) says so.
     */
    default int maxBatch() {
        return 1;
    }

    /**
     * Starts writing several messages, in order, as one write: {@code callback} completes once, when
     * all are written or the first fails. Only called with more than one message when
     * {@link #maxBatch()} allows it.
     */
    default void write(List<ServerMessage> messages, WriteCallback callback) {
        if (messages.size() != 1) {
            throw new IllegalStateException("this channel writes one message at a time");
        }
        write(messages.get(0), callback);
    }

    /** Closes the connection with a close code and reason; anything not yet written is abandoned. */
    void close(CloseCode code, String reason);

    /**
     * Sends the transport's own keep-alive, if it has one besides the heartbeat message the session
     * queues (a WebSocket ping frame, which a live client answers with a pong frame that counts as
     * activity). A transport without one does nothing here. The session queues its heartbeat message
     * right after this call, so a transport may hold the keep-alive back and send the two together.
     */
    void ping();

    /**
     * The transport carrying this connection, as metrics label it ({@code ws}, {@code sse}). The
     * session never behaves differently by name; it asks {@link #clientSends()} for what differs.
     */
    default String transport() {
        return "ws";
    }

    /**
     * Whether the client can send anything on this connection. A one-way stream (Server-Sent Events)
     * is never closed as idle, since silence is all its client can do: the write timeout and the
     * heartbeat's writes tell whether it is still there.
     */
    default boolean clientSends() {
        return true;
    }

    /**
     * A count that moves whenever the socket takes some bytes of a write it could not take whole:
     * a slow reader, still reading. The stalled-write sweep closes a session only when its write has
     * been in flight for the write timeout with this count unchanged. A transport that cannot tell
     * keeps 0, and its writes are then timed from their start.
     */
    default long writeProgress() {
        return 0;
    }

    /** Whether the connection is still open; a session whose channel is closed is forgotten by cleanup. */
    boolean isOpen();

    /** The client's address, for logs and per-address limits. */
    String remoteAddress();
}
