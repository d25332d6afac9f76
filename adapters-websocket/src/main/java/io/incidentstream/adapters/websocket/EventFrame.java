package io.incidentstream.adapters.websocket;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.incidentstream.application.message.EncodedEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An {@code event} frame encoded once for all its recipients, as UTF-8: everything up to and
 * including {@code "subscription_ids":}. Only that list differs per session, so completing a frame
 * is a byte copy, never a second serialization of the event.
 */
final class EventFrame implements EncodedEvent {

    private static final byte[] END = "]}".getBytes(StandardCharsets.UTF_8);

    private final byte[] prefix;
    /**
     * The frame completed last, reused for the next session with the same subscription ids (the
     * subscribers of one dashboard tend to use the same ids), so that a broadcast to them builds one
     * frame, not one per recipient. Frames are never written to after they are built; a race here
     * only costs a rebuild.
     */
    private volatile Completed last;

    private record Completed(List<String> subscriptionIds, byte[] frame) {}

    EventFrame(byte[] prefix) {
        this.prefix = prefix;
    }

    @Override
    public int sizeInBytes() {
        return prefix.length;
    }

    /** The length of the frame for a session whose subscriptions {@code subscriptionIds} matched. */
    int length(List<String> subscriptionIds) {
        int length = prefix.length + 1 + END.length + Math.max(0, subscriptionIds.size() - 1);
        for (int i = 0; i < subscriptionIds.size(); i++) {
            String id = subscriptionIds.get(i);
            length += 2 + (isPlain(id) ? id.length() : quoted(id).length);
        }
        return length;
    }

    /** Puts the frame for a session whose subscriptions {@code subscriptionIds} matched; {@code out} has room for it. */
    void writeTo(ByteBuffer out, List<String> subscriptionIds) {
        out.put(prefix).put((byte) '[');
        for (int i = 0; i < subscriptionIds.size(); i++) {
            if (i > 0) {
                out.put((byte) ',');
            }
            out.put((byte) '"');
            String id = subscriptionIds.get(i);
            if (isPlain(id)) {
                for (int c = 0; c < id.length(); c++) {
                    out.put((byte) id.charAt(c));
                }
            } else {
                out.put(quoted(id));
            }
            out.put((byte) '"');
        }
        out.put(END);
    }

    /** The complete frame for a session whose subscriptions {@code subscriptionIds} matched; never modify it. */
    byte[] forSubscriptions(List<String> subscriptionIds) {
        Completed completed = last;
        if (completed != null && completed.subscriptionIds().equals(subscriptionIds)) {
            return completed.frame();
        }
        byte[] frame = new byte[length(subscriptionIds)];
        writeTo(ByteBuffer.wrap(frame), subscriptionIds);
        last = new Completed(subscriptionIds, frame);
        return frame;
    }

    /** Printable ASCII that JSON does not escape: the usual id, written as it is, without allocating. */
    private static boolean isPlain(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static byte[] quoted(String id) {
        return JsonStringEncoder.getInstance().quoteAsUTF8(id);
    }
}
