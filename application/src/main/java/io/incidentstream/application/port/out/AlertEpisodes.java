package io.incidentstream.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The memory of alert episodes: which incident each one opened, and whether it has resolved. This
 * is what makes the alert intake idempotent, so each method is one atomic step, on one node or
 * across nodes sharing the store: two requests that claim the same new episode at the same time
 * get one {@link ClaimOutcome#OPENED} between them.
 *
 * <p>Episodes are forgotten some time after they were last claimed or resolved (the adapter's
 * retention), so the memory stays bounded.
 *
 * <p>A store shared by several nodes cannot rely on the caller to take back a step whose publish
 * failed: the failure that refused the publish (Redis gone) may refuse the undo too. Such a store
 * keeps each {@code OPENED} or {@code RESOLVED} step <em>unconfirmed</em> until {@link #confirm};
 * meanwhile other requests for that episode get {@code BUSY} and ask again, and once the step's
 * {@link #stepLease()} has run out, the next request takes the step over with the same incident.
 * A store of one process, whose undo cannot fail, confirms at once and is never busy.
 */
public interface AlertEpisodes {

    /**
     * A firing alert claims its episode. Unknown: the episode opens with {@code proposedIncident}
     * ({@link ClaimOutcome#OPENED}). Open: its incident ({@link ClaimOutcome#OPEN}). Resolved: its
     * incident ({@link ClaimOutcome#RESOLVED}, a late notification), unless {@code startsAt} is after
     * the episode ended, which makes it a new episode under the same key ({@link ClaimOutcome#OPENED}).
     */
    Claim claim(String episode, UUID proposedIncident, Instant startsAt, Instant now);

    /**
     * A resolved alert resolves its episode. Open: now resolved, ended at {@code endedAt}
     * ({@link ResolveOutcome#RESOLVED}). Already resolved: {@link ResolveOutcome#ALREADY_RESOLVED}.
     * Open again after a claim that started after its end, with {@code endedAt} no later than that
     * end: a late copy of the earlier resolve, which leaves the episode open
     * ({@link ResolveOutcome#ALREADY_RESOLVED}, without an incident).
     * Unknown: remembered as resolved without an incident ({@link ResolveOutcome#UNKNOWN}), so that a
     * late firing notification does not open one.
     */
    Resolve resolve(String episode, Instant endedAt, Instant now);

    /**
     * Takes back an episode this caller just opened with {@code incident}, when its publish was
     * refused: forgotten, or, when it had replaced a resolved episode under the same key, that one
     * as it was.
     */
    void unclaim(String episode, UUID incident);

    /** Takes back a resolve this caller just made, when its publish was refused. */
    void unresolve(String episode, UUID incident);

    /** What this caller's {@code OPENED} or {@code RESOLVED} step decided was published: others stop waiting. */
    void confirm(String episode, UUID incident);

    /**
     * How long an unconfirmed step holds its episode before another request takes it over; zero
     * for a store that is never {@code BUSY}.
     */
    Duration stepLease();

    /** What a claim found. */
    enum ClaimOutcome {
        /** The episode is new: the caller opens {@code incidentId}. */
        OPENED,
        /** The episode is open with {@code incidentId}: a duplicate. */
        OPEN,
        /** The episode has resolved ({@code incidentId} may be null): a late notification, reopens nothing. */
        RESOLVED,
        /** Another request's step on this episode is not confirmed yet: ask again shortly. */
        BUSY
    }

    /** What a resolve found. */
    enum ResolveOutcome {
        /** The episode was open: the caller resolves {@code incidentId}. */
        RESOLVED,
        /** Resolved before: nothing to do. */
        ALREADY_RESOLVED,
        /** Never seen (or forgotten): no incident to resolve. */
        UNKNOWN,
        /** Another request's step on this episode is not confirmed yet: ask again shortly. */
        BUSY
    }

    record Claim(ClaimOutcome outcome, UUID incidentId) {}

    record Resolve(ResolveOutcome outcome, UUID incidentId) {}
}
