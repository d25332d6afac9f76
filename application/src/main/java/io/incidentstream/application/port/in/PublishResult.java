package io.incidentstream.application.port.in;

import java.util.List;
import java.util.UUID;

/** The outcome of a publish: every event accepted, or none. */
public sealed interface PublishResult {

    /** Each event's id and place in the stream, in the order given. */
    record Accepted(List<Receipt> receipts) implements PublishResult {}

    /**
     * Nothing was published; unless {@code mayHaveBeenPublished}: the engine lost the connection
     * after the batch was sent, and could not learn whether it stored it.
     */
    record Rejected(Reason reason, String message, boolean mayHaveBeenPublished) implements PublishResult {

        /** Nothing was published. */
        public Rejected(Reason reason, String message) {
            this(reason, message, false);
        }
    }

    record Receipt(UUID messageId, long seq) {}

    enum Reason {
        /** The dispatch queue is full: retry later. */
        OVERLOADED,
        /** More events in one batch than the dispatch queue can ever hold. */
        BATCH_TOO_LARGE,
        /** The server is shutting down. */
        SHUTTING_DOWN,
        /** The stream engine (Redis) cannot be reached: nothing was stored (see {@link Rejected#mayHaveBeenPublished}), retry later. */
        ENGINE_UNAVAILABLE
    }
}
