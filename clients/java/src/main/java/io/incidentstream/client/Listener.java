package io.incidentstream.client;

/**
 * What the client tells its user. All methods are called on the client's own thread, one at a
 * time, in order; they should return quickly (hand long work to another thread).
 */
public interface Listener {

    /** Each event once: duplicates (by epoch and seq) are removed. */
    default void onEvent(EventFrame frame) {}

    /** Each snapshot page; treat the pages as replacing what you know of the subscription's incidents. */
    default void onSnapshot(SnapshotPage page) {}

    /** For information: the client fills the gap itself by resuming. */
    default void onGap(Gap gap) {}

    default void onStatus(Status status) {}

    default void onError(ServerError error) {}
}
