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

    EventFrame(byte[] prefix) {
        this.prefix = prefix;
    }

    @Override
    public int sizeInBytes() {
        return prefix.length;
    }

    /** The complete frame for a session whose subscriptions {@code subscriptionIds} matched. */
    byte[] forSubscriptions(List<String> subscriptionIds) {
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
