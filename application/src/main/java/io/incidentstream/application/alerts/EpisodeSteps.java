package io.incidentstream.application.alerts;

import io.incidentstream.application.port.out.AlertEpisodes;
import io.incidentstream.application.port.out.AlertEpisodes.Claim;
import io.incidentstream.application.port.out.AlertEpisodes.ClaimOutcome;
import io.incidentstream.application.port.out.AlertEpisodes.Resolve;
import io.incidentstream.application.port.out.AlertEpisodes.ResolveOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The episode steps of one notification, and what becomes of them once its publish is known.
 *
 * <ul>
 *   <li>Each episode is asked once per notification: the alerts of one group all claim the group's
 *       episode, and the second claim must see the first as a repeat, not as another request's
 *       unconfirmed step to wait for. Except a resolved episode, which holds no step of this
 *       request: each alert asks it again with its own start, which may open the next episode.</li>
 *   <li>A {@code BUSY} episode (another request has not confirmed its step yet) is asked again
 *       until that request confirms or takes back its step, or its lease runs out and the store
 *       hands the step over to this one.</li>
 *   <li>A claim handed over with an incident that already exists was published by a request that
 *       could not confirm it: it is a repeat, confirmed at once.</li>
 *   <li>After the publish every step is confirmed; after a refusal every step is taken back. A
 *       failure of either (Redis gone) is left to the lease: the next request takes the step over.</li>
 * </ul>
 */
final class EpisodeSteps {

    /** No step can be taken now: another request holds the episode (503, the sender retries). */
    static final class Busy extends RuntimeException {
        Busy(String message) {
            super(message, null, false, false);
        }
    }

    private static final Duration FIRST_PAUSE = Duration.ofMillis(2);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(50);

    private final AlertEpisodes store;
    private final Clock clock;
    private final Predicate<UUID> published;
    private final Map<String, Object> asked = new HashMap<>();
    private final List<Runnable> undo = new ArrayList<>();
    private final List<Runnable> confirm = new ArrayList<>();
    /** Episodes this request found new (the store opened them), repeats of a published incident included. */
    private final Set<String> opened = new HashSet<>();

    private long firstHeldAt = -1;

    EpisodeSteps(AlertEpisodes store, Clock clock, Predicate<UUID> published) {
        this.store = store;
        this.clock = clock;
        this.published = published;
    }

    Claim claim(String episode, UUID proposed, Instant startsAt) {
        Object before = asked.get(episode);
        if (before instanceof Claim earlier && earlier.outcome() != ClaimOutcome.RESOLVED) {
            return earlier.outcome() == ClaimOutcome.OPENED
                    ? new Claim(ClaimOutcome.OPEN, earlier.incidentId())
                    : earlier;
        }
        // A resolved episode is asked again: this alert may have started after it ended, and so open
        // the next one (a group's late alert and a new one in one notification, in either order).
        if (before instanceof Resolve earlier) {
            return new Claim(ClaimOutcome.RESOLVED, earlier.incidentId());
        }
        Claim claim = untilFree(
                episode,
                () -> store.claim(episode, proposed, startsAt, clock.instant()),
                c -> c.outcome() == ClaimOutcome.BUSY);
        UUID incident = claim.incidentId();
        if (claim.outcome() == ClaimOutcome.OPENED) {
            opened.add(episode);
            if (published.test(incident)) {
                store.confirm(episode, incident);
                claim = new Claim(ClaimOutcome.OPEN, incident);
            } else {
                hold(episode, incident, () -> store.unclaim(episode, incident));
            }
        }
        asked.put(episode, claim);
        return claim;
    }

    /**
     * Whether the store opened {@code episode} for this request: the first time it heard of it,
     * although its incident may exist already (an alert joining a group's incident).
     */
    boolean openedHere(String episode) {
        return opened.contains(episode);
    }

    Resolve resolve(String episode, Instant endedAt) {
        Object before = asked.get(episode);
        if (before instanceof Resolve earlier) {
            return new Resolve(ResolveOutcome.ALREADY_RESOLVED, earlier.incidentId());
        }
        if (before instanceof Claim earlier && earlier.outcome() == ClaimOutcome.OPENED) {
            // This notification opens the episode and also says it resolved (Alertmanager never
            // sends that): taken as firing; the next resolved notification resolves it.
            return new Resolve(ResolveOutcome.ALREADY_RESOLVED, earlier.incidentId());
        }
        Resolve resolve = untilFree(
                episode,
                () -> store.resolve(episode, endedAt, clock.instant()),
                r -> r.outcome() == ResolveOutcome.BUSY);
        if (resolve.outcome() != ResolveOutcome.ALREADY_RESOLVED) {
            hold(episode, resolve.incidentId(), () -> store.unresolve(episode, resolve.incidentId()));
        }
        asked.put(episode, resolve);
        return resolve;
    }

    /** Everything was published: the steps are final. */
    void confirmAll() {
        confirm.forEach(EpisodeSteps::quietly);
    }

    /** Nothing was published: takes back every step, latest first, so the retry finds the episodes as they were. */
    void rollBack() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            quietly(undo.get(i));
        }
    }

    private void hold(String episode, UUID incident, Runnable takeBack) {
        if (firstHeldAt < 0) {
            firstHeldAt = System.nanoTime();
        }
        undo.add(takeBack);
        confirm.add(() -> store.confirm(episode, incident));
    }

    /**
     * Asks until the episode is not busy. A request that holds unconfirmed steps itself may be
     * what the other one waits for: it gives up half a lease after it took its first step, before
     * its own lease can run out, so two requests never take over each other's live steps.
     */
    private <T> T untilFree(String episode, Supplier<T> step, Predicate<T> busy) {
        T result = step.get();
        if (!busy.test(result)) {
            return result;
        }
        long lease = store.stepLease().toNanos();
        long deadline = firstHeldAt >= 0 ? firstHeldAt + lease / 2 : System.nanoTime() + 2 * lease;
        long pause = FIRST_PAUSE.toNanos();
        while (busy.test(result)) {
            if (System.nanoTime() - deadline > 0) {
                throw new Busy("another request is still taking in the same alert (" + episode + ")");
            }
            try {
                Thread.sleep(Duration.ofNanos(pause).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Busy("interrupted while another request took in the same alert (" + episode + ")");
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE.toNanos());
            result = step.get();
        }
        return result;
    }

    /** A step that cannot be confirmed or taken back now is left to its lease (see the class comment). */
    private static void quietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            // The store is unreachable; the lease hands the step to the next request.
        }
    }
}
