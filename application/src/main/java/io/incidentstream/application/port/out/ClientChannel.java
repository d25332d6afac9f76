package io.incidentstream.application.port.out;

import io.incidentstream.application.message.ServerMessage;

/** The connection to one client, as the session sees it. Implementations never block. */
public interface ClientChannel {

    /**
     * Starts writing one message. The session never has more than one write in flight; it calls
     * again only after {@code callback} completed. The callback may complete on any thread,
     * including the calling one.
     */
    void write(ServerMessage message, WriteCallback callback);

    /** Closes the connection with a close code and reason; anything not yet written is abandoned. */
    void close(int code, String reason);

    /** Sends a WebSocket ping frame; a live client answers with a pong frame, which counts as activity. */
    void ping();

    /** Whether the connection is still open; a session whose channel is closed is forgotten by cleanup. */
    boolean isOpen();

    /** The client's address, for logs and per-address limits. */
    String remoteAddress();
}
