package io.incidentstream.application.port.out;

import io.incidentstream.application.message.AdmittedEvent;

/**
 * The recent events of the stream, for resuming subscribers. Owns the stream's epoch: seqs are
 * comparable only within one epoch, and a history that lost its past (a restart of an in-memory
 * engine) starts a new one. Appends come from admission, one at a time, in seq order.
 */
public interface EventHistory {

    /** The epoch the retained seqs belong to. */
    String epoch();

    /** The seq the stream continues from (0 for a new stream). */
    long lastSeq();

    void append(AdmittedEvent event);

    /** Events retained now (exported as a gauge: the history is one of the server's largest holders of memory). */
    int size();

    /**
     * A reader over the retained events with seq in {@code (afterSeq, upToSeq]}, or null when that
     * range is no longer (or not) fully retained, so a resume there cannot be exact.
     */
    Cursor read(long afterSeq, long upToSeq);

    /** Reads events in seq order; holds only its position, never a copy of the range. */
    interface Cursor {
        /** The next event of the range, or null when the range is done. */
        AdmittedEvent next();

        /** An independent cursor at the same place: one may count what the other will stream. */
        Cursor copy();
    }
}
