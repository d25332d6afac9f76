package io.incidentstream.application.port.out;

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
     * Unknown: remembered as resolved without an incident ({@link ResolveOutcome#UNKNOWN}), so that a
     * late firing notification does not open one.
     */
    Resolve resolve(String episode, Instant endedAt, Instant now);

    /** Forgets an episode this caller just opened with {@code incident}, when its publish was refused. */
    void unclaim(String episode, UUID incident);

    /** Takes back a resolve this caller just made, when its publish was refused. */
    void unresolve(String episode, UUID incident);

    /** What a claim found. */
    enum ClaimOutcome {
        /** The episode is new: the caller opens {@code incidentId}. */
        OPENED,
        /** The episode is open with {@code incidentId}: a duplicate. */
        OPEN,
        /** The episode has resolved ({@code incidentId} may be null): a late notification, reopens nothing. */
        RESOLVED
    }

    /** What a resolve found. */
    enum ResolveOutcome {
        /** The episode was open: the caller resolves {@code incidentId}. */
        RESOLVED,
        /** Resolved before: nothing to do. */
        ALREADY_RESOLVED,
        /** Never seen (or forgotten): no incident to resolve. */
        UNKNOWN
    }

    record Claim(ClaimOutcome outcome, UUID incidentId) {
    }

    record Resolve(ResolveOutcome outcome, UUID incidentId) {
    }
}
