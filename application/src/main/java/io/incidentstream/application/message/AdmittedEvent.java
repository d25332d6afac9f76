package io.incidentstream.application.message;

import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.Priority;
import io.incidentstream.domain.filter.EventAttributes;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/**
 * An event the stream accepted: its place in the stream ({@code seq}), the id every recipient sees,
 * its priority, and the filter attributes resolved at admission. Immutable except for the cached
 * wire form, which is computed once, by the first caller, however many sessions receive it.
 */
public final class AdmittedEvent {

    private final UUID messageId;
    private final long seq;
    private final Event event;
    private final Priority priority;
    private final Instant publishedAt;
    private final long admittedNanos;
    private final EventAttributes attributes;
    private volatile EncodedEvent encoded;

    public AdmittedEvent(
            UUID messageId,
            long seq,
            Event event,
            Priority priority,
            Instant publishedAt,
            long admittedNanos,
            EventAttributes attributes) {
        this.messageId = messageId;
        this.seq = seq;
        this.event = event;
        this.priority = priority;
        this.publishedAt = publishedAt;
        this.admittedNanos = admittedNanos;
        this.attributes = attributes;
    }

    public UUID messageId() {
        return messageId;
    }

    public long seq() {
        return seq;
    }

    public Event event() {
        return event;
    }

    public Priority priority() {
        return priority;
    }

    /** When the stream accepted the event: the {@code timestamp} of its {@code event} frames. */
    public Instant publishedAt() {
        return publishedAt;
    }

    /** {@link System#nanoTime()} at admission, for publish-to-written latency. */
    public long admittedNanos() {
        return admittedNanos;
    }

    public EventAttributes attributes() {
        return attributes;
    }

    /**
     * The wire form, encoded on first use. Two threads racing here may both encode; both results are
     * equal and either may be kept, so no lock is needed.
     *
     * @param encoder the outgoing port's {@code EventEncoder}, which is such a function
     */
    public EncodedEvent encoded(Function<? super AdmittedEvent, ? extends EncodedEvent> encoder) {
        EncodedEvent result = encoded;
        if (result == null) {
            result = encoder.apply(this);
            encoded = result;
        }
        return result;
    }

    @Override
    public String toString() {
        return "AdmittedEvent[seq=" + seq + ", type=" + event.type().wire() + ", priority=" + priority.wire() + "]";
    }
}
