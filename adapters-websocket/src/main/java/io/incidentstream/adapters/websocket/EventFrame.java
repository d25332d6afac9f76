package io.incidentstream.adapters.websocket;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.incidentstream.application.port.out.EncodedEvent;
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
     * The frame completed last, reused for the next session with the same subscription ids (most
     * subscribers of a broadcast use the same ids), so that a broadcast usually builds one frame,
     * not one per recipient. Frames are never written to after they are built; a race here only
     * costs a rebuild.
     */
    private volatile Completed last;

    private record Completed(List<String> subscriptionIds, byte[] frame) {
    }

    EventFrame(byte[] prefix) {
        this.prefix = prefix;
    }

    @Override
    public int sizeInBytes() {
        return prefix.length;
    }

    /** The complete frame for a session whose subscriptions {@code subscriptionIds} matched; never modify it. */
    byte[] forSubscriptions(List<String> subscriptionIds) {
        Completed completed = last;
        if (completed != null && completed.subscriptionIds().equals(subscriptionIds)) {
            return completed.frame();
        }
        byte[] frame = build(subscriptionIds);
        last = new Completed(subscriptionIds, frame);
        return frame;
    }

    private byte[] build(List<String> subscriptionIds) {
        byte[][] ids = new byte[subscriptionIds.size()][];
        int length = prefix.length + 1 + END.length;
        for (int i = 0; i < ids.length; i++) {
            ids[i] = JsonStringEncoder.getInstance().quoteAsUTF8(subscriptionIds.get(i));
            length += ids[i].length + 3;
        }
        byte[] frame = new byte[length];
        System.arraycopy(prefix, 0, frame, 0, prefix.length);
        int at = prefix.length;
        frame[at++] = '[';
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) {
                frame[at++] = ',';
            }
            frame[at++] = '"';
            System.arraycopy(ids[i], 0, frame, at, ids[i].length);
            at += ids[i].length;
            frame[at++] = '"';
        }
        System.arraycopy(END, 0, frame, at, END.length);
        at += END.length;
        return at == frame.length ? frame : java.util.Arrays.copyOf(frame, at);
    }
}
