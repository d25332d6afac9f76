package io.incidentstream.adapters.websocket;

import java.util.zip.Deflater;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.internal.PerMessageDeflateExtension;

/**
 * Jetty's permessage-deflate, fixed so that an idle connection really holds no compressor.
 *
 * <p>Without context takeover, Jetty returns the deflater to its pool when a message's last frame
 * goes out; but its flusher then clears the deflater's input by calling {@link #getDeflater()}
 * again, which takes a fresh deflater from the pool and keeps it until the connection closes
 * (measured on 12.1.14: one live {@link Deflater}, ~130 KiB of native memory, per connection). Here
 * that one call after a message gets a shared deflater that is never used to compress, so the
 * connection holds none between messages. Registered in place of Jetty's under the same name.
 */
public final class ReleasingDeflateExtension extends PerMessageDeflateExtension {

    /** Receives the flusher's "clear your input" after each message; setInput is thread-safe, nothing else is called. */
    private static final Deflater INPUT_SINK = new Deflater();

    /** Set between a message's last frame and the flusher's clean-up call; the flusher runs one frame at a time. */
    private boolean messageFinished;

    @Override
    protected void nextOutgoingFrame(OutgoingEntry entry) {
        Frame frame = entry.getFrame();
        boolean endsMessage = frame.isFin() && !frame.isControlFrame();
        super.nextOutgoingFrame(entry);
        if (endsMessage && !contextTakeover()) {
            messageFinished = true;
        }
    }

    @Override
    public Deflater getDeflater() {
        if (messageFinished) {
            messageFinished = false;
            return INPUT_SINK;
        }
        return super.getDeflater();
    }

    private boolean contextTakeover() {
        return !getConfig().getParameterKeys().contains("server_no_context_takeover");
    }
}
