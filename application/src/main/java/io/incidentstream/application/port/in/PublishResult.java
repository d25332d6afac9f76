package io.incidentstream.application.port.in;

import java.util.List;
import java.util.UUID;

/** The outcome of a publish: every event accepted, or none. */
public sealed interface PublishResult {

    /** Each event's id and place in the stream, in the order given. */
    record Accepted(List<Receipt> receipts) implements PublishResult {}

    /** Nothing was published. */
    record Rejected(Reason reason, String message) implements PublishResult {}

    record Receipt(UUID messageId, long seq) {}

    enum Reason {
        /** The dispatch queue is full: retry later. */
        OVERLOADED,
        /** More events in one batch than the dispatch queue can ever hold. */
        BATCH_TOO_LARGE,
        /** The server is shutting down. */
        SHUTTING_DOWN,
        /** The stream engine (Redis) cannot be reached: nothing was stored, retry later. */
        ENGINE_UNAVAILABLE
    }
}
