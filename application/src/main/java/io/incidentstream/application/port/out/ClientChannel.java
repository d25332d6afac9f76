package io.incidentstream.application.port.out;

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
    void close(int code, String reason);

    /** Sends a WebSocket ping frame; a live client answers with a pong frame, which counts as activity. */
    void ping();

    /** Whether the connection is still open; a session whose channel is closed is forgotten by cleanup. */
    boolean isOpen();

    /** The client's address, for logs and per-address limits. */
    String remoteAddress();
}
