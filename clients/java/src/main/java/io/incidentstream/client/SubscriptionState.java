package io.incidentstream.client;

import java.util.Objects;

/** A subscription's state on the client's thread: where it would resume, and what is in flight. */
final class SubscriptionState {
    final String id;
    final Filters filters;
    Long seq; // resume point: complete up to here...
    String epoch; // ...in this epoch
    boolean snapshotDue; // the next subscribe asks for a snapshot instead of resuming
    int pending; // subscribes sent and not yet answered; only the latest reply counts
    Long awaiting; // since of the resume in flight: later frames of the old one will be replayed
    long replayLeft; // replayed events still to come, as announced by subscribed
    long liveFrom; // S of the latest subscribed
    boolean held; // the server holds a subscription under this id, on this connection

    SubscriptionState(Subscription s) {
        this.id = s.id();
        this.filters = s.filters();
        boolean resuming = s.resumeFrom() != null;
        this.seq = resuming ? s.resumeFrom().seq() : null;
        this.epoch = resuming ? s.resumeFrom().epoch() : null;
        this.snapshotDue = s.snapshot() && !resuming;
    }

    /** Complete up to seq of the stream's current epoch; a position in an older epoch is simply replaced. */
    void advance(long newSeq, String streamEpoch) {
        if (!Objects.equals(epoch, streamEpoch) || seq == null || newSeq > seq) {
            seq = newSeq;
        }
        epoch = streamEpoch;
    }

    /** Nothing owed: no reply, replay or snapshot still to come. */
    boolean settled() {
        return pending == 0 && replayLeft == 0 && !snapshotDue && seq != null;
    }

    /** The connection is gone, and with it every reply and replay that was still to come. */
    void forgetInFlight() {
        pending = 0;
        awaiting = null;
        replayLeft = 0;
        held = false; // a new connection holds no subscription yet
    }

    Position position() {
        return seq == null || epoch == null ? null : new Position(seq, epoch);
    }
}
