package io.incidentstream.application.alerts;

import io.incidentstream.application.port.out.AlertEpisodes;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Alert episodes in this process's memory, for a single node. Each method is synchronized, which
 * makes it the one atomic step the port asks for; the work inside is a map lookup.
 *
 * <p>Bounded two ways: an episode is forgotten {@code retention} after it was last claimed or
 * resolved (Alertmanager resends a firing alert every {@code repeat_interval}, which keeps an open
 * episode alive), and beyond {@code maxEpisodes} the least recently touched go first. The map is in
 * access order, and every touch moves an entry to the end, so the expired ones are always at the
 * front.
 */
public final class InMemoryAlertEpisodes implements AlertEpisodes {

    /**
     * An episode: its incident (null when it was only ever seen resolved), when it ended, if it has,
     * and the resolved episode it replaced under the same key, if it replaced one (one level only:
     * what a late resolve is compared with, and what taking back this episode's claim restores).
     */
    private record Episode(UUID incident, Instant endedAt, Episode previous, Instant expiresAt) {

        Episode touched(Instant expiresAt) {
            return new Episode(incident, endedAt, previous, expiresAt);
        }

        Instant previousEnd() {
            return previous == null ? null : previous.endedAt();
        }

        boolean resolved() {
            return endedAt != null;
        }
    }

    private final Map<String, Episode> episodes;
    private final Duration retention;

    public InMemoryAlertEpisodes(Duration retention, int maxEpisodes) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
        if (maxEpisodes < 1) {
            throw new IllegalArgumentException("maxEpisodes must be positive");
        }
        this.retention = retention;
        this.episodes = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Episode> eldest) {
                return size() > maxEpisodes;
            }
        };
    }

    @Override
    public synchronized Claim claim(String episode, UUID proposedIncident, Instant startsAt, Instant now) {
        Objects.requireNonNull(proposedIncident, "proposedIncident");
        expire(now);
        Episode known = episodes.get(episode);
        if (known == null || (known.resolved() && startsAt.isAfter(known.endedAt()))) {
            Episode previous = known == null ? null : new Episode(known.incident(), known.endedAt(), null, null);
            episodes.put(episode, new Episode(proposedIncident, null, previous, now.plus(retention)));
            return new Claim(ClaimOutcome.OPENED, proposedIncident);
        }
        episodes.put(episode, known.touched(now.plus(retention)));
        return new Claim(known.resolved() ? ClaimOutcome.RESOLVED : ClaimOutcome.OPEN, known.incident());
    }

    @Override
    public synchronized Resolve resolve(String episode, Instant endedAt, Instant now) {
        expire(now);
        Episode known = episodes.get(episode);
        if (known == null) {
            episodes.put(episode, new Episode(null, endedAt, null, now.plus(retention)));
            return new Resolve(ResolveOutcome.UNKNOWN, null);
        }
        // Touched like any other step (HA replicas keep repeating a resolve), which keeps expiry in map order.
        episodes.put(episode, known.touched(now.plus(retention)));
        if (known.resolved()) {
            return new Resolve(ResolveOutcome.ALREADY_RESOLVED, known.incident());
        }
        if (known.previousEnd() != null && !endedAt.isAfter(known.previousEnd())) {
            // A late copy of the resolve that ended the episode before this one: it resolves nothing now.
            return new Resolve(ResolveOutcome.ALREADY_RESOLVED, null);
        }
        episodes.put(episode, new Episode(known.incident(), endedAt, known.previous(), now.plus(retention)));
        return new Resolve(ResolveOutcome.RESOLVED, known.incident());
    }

    @Override
    public synchronized void unclaim(String episode, UUID incident) {
        Episode known = episodes.get(episode);
        if (known != null && !known.resolved() && incident.equals(known.incident())) {
            if (known.previous() == null) {
                episodes.remove(episode);
            } else {
                // The claim had opened the next episode over a resolved one: that one is back.
                episodes.put(episode, known.previous().touched(known.expiresAt()));
            }
        }
    }

    @Override
    public synchronized void unresolve(String episode, UUID incident) {
        Episode known = episodes.get(episode);
        if (known == null || !known.resolved() || !Objects.equals(incident, known.incident())) {
            return;
        }
        if (incident == null) {
            episodes.remove(episode);
        } else {
            episodes.put(episode, new Episode(incident, null, known.previous(), known.expiresAt()));
        }
    }

    /** Nothing to confirm: in one process the caller's undo cannot fail, so no step waits for it. */
    @Override
    public void confirm(String episode, UUID incident) {}

    @Override
    public Duration stepLease() {
        return Duration.ZERO;
    }

    /** Episodes remembered now, expired ones included until the next step sweeps them. */
    public synchronized int size() {
        return episodes.size();
    }

    private void expire(Instant now) {
        Iterator<Episode> oldest = episodes.values().iterator();
        while (oldest.hasNext()) {
            if (oldest.next().expiresAt().isAfter(now)) {
                return;
            }
            oldest.remove();
        }
    }
}
