package io.incidentstream.adapters.websocket.sse;

import io.incidentstream.adapters.websocket.ServerMessageWriter;
import io.incidentstream.application.message.Closing;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.Pong;
import io.incidentstream.application.message.ServerMessage;
import java.nio.charset.StandardCharsets;

/**
 * Server messages as Server-Sent Events: {@code event:} the message's {@code type}, {@code data:}
 * the same one-line JSON as on {@code /ws} (JSON escapes line breaks inside strings, so it is always
 * one line), and {@code id: <epoch>:<seq>} on events, which a browser sends back as
 * {@code Last-Event-ID} when it reconnects. The heartbeat {@code pong} is a comment ({@code : ping}):
 * an SSE client cannot ping, so a pong could only ever be the heartbeat, and a comment keeps
 * proxies from timing the stream out without waking {@code EventSource} listeners.
 */
final class SseFrames {

    static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE_PREFIX = "{\"type\":\"".getBytes(StandardCharsets.US_ASCII);

    private final ServerMessageWriter writer;

    SseFrames(ServerMessageWriter writer) {
        this.writer = writer;
    }

    /** The {@code retry:} field that opens every stream: how long {@code EventSource} waits before reconnecting. */
    static byte[] retry(long millis) {
        return ("retry: " + millis + "\n\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** @param epoch the session's epoch (from its {@code welcome}), for event ids */
    byte[] frame(ServerMessage message, String epoch) {
        if (message instanceof Pong) {
            return PING;
        }
        byte[] json = writer.write(message);
        String type = typeOf(json);
        StringBuilder head = new StringBuilder(48);
        if (message instanceof Closing closing && closing.retryAfterMs() != null) {
            // EventSource cannot read retry_after_ms; a retry field makes it wait that long by itself.
            head.append("retry: ").append(closing.retryAfterMs()).append('\n');
        }
        if (message instanceof EventMessage event) {
            head.append("id: ")
                    .append(epoch)
                    .append(':')
                    .append(event.event().seq())
                    .append('\n');
        }
        head.append("event: ").append(type).append("\ndata: ");
        byte[] prefix = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[prefix.length + json.length + 2];
        System.arraycopy(prefix, 0, frame, 0, prefix.length);
        System.arraycopy(json, 0, frame, prefix.length, json.length);
        frame[frame.length - 2] = '\n';
        frame[frame.length - 1] = '\n';
        return frame;
    }

    /**
     * The message's {@code type}, which the writer always puts first: read from the bytes rather than
     * listed by class, so a message type added later (presence) is framed without a change here.
     */
    static String typeOf(byte[] json) {
        if (json.length > TYPE_PREFIX.length
                && java.util.Arrays.equals(json, 0, TYPE_PREFIX.length, TYPE_PREFIX, 0, TYPE_PREFIX.length)) {
            for (int i = TYPE_PREFIX.length; i < json.length; i++) {
                if (json[i] == '"') {
                    return new String(json, TYPE_PREFIX.length, i - TYPE_PREFIX.length, StandardCharsets.US_ASCII);
                }
            }
        }
        throw new IllegalStateException("a server message must start with its type");
    }
}
