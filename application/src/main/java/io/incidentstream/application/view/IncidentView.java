package io.incidentstream.application.view;

import io.incidentstream.application.port.in.IncidentQuery;
import io.incidentstream.application.port.out.StreamEngine;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.filter.Subject;
import io.incidentstream.domain.model.Incident;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest known state of each incident, fed by admission in seq order; filters on
 * incident-linked events, snapshots and the read API look here. Written by admission only (under
 * its lock), read anywhere.
 *
 * <p>Bounded: resolved and closed incidents are kept for {@code closedRetention} after they were
 * last changed, and beyond {@code maxIncidents} the least recently changed go first, resolved and
 * closed ones before active ones. Eviction runs in batches so that its sort is paid rarely.
 */
public final class IncidentView implements IncidentQuery {

    private record Entry(Incident incident, long version, long changedAtMillis) {
        boolean active() {
            return incident.state().isActive();
        }
    }

    private final Map<UUID, Entry> incidents = new ConcurrentHashMap<>();
    private final int maxIncidents;
    private final long closedRetentionMillis;
    private final Clock clock;

    public IncidentView(int maxIncidents, Duration closedRetention, Clock clock) {
        this.maxIncidents = maxIncidents;
        this.closedRetentionMillis = closedRetention.toMillis();
        this.clock = clock;
    }

    /** The incident as currently known, or null. */
    public Incident get(UUID id) {
        Entry entry = id == null ? null : incidents.get(id);
        return entry == null ? null : entry.incident();
    }

    /** The incident as currently known with the seq of the event that last changed it, or null. */
    public StreamEngine.StoredIncident versioned(UUID id) {
        Entry entry = id == null ? null : incidents.get(id);
        return entry == null ? null : new StreamEngine.StoredIncident(entry.incident(), entry.version());
    }

    /** Records what an event made of an incident; null leaves the view unchanged. */
    public void put(Incident incident) {
        put(incident, 0, clock.millis());
    }

    /**
     * Records what the event of seq {@code version}, accepted at {@code changedAtMillis}, made of an
     * incident. The event's own time, not this node's clock, orders eviction, so that every node
     * evicts the same incidents.
     */
    public void put(Incident incident, long version, long changedAtMillis) {
        if (incident == null) {
            return;
        }
        incidents.put(incident.id(), new Entry(incident, version, changedAtMillis));
        if (incidents.size() > maxIncidents) {
            evictOldest(Math.max(1, maxIncidents / 10));
        }
    }

    /** Forgets an incident (the engine no longer knows it). */
    public void remove(UUID id) {
        if (id != null) {
            incidents.remove(id);
        }
    }

    /**
     * Replaces everything with the engine's view, at start-up or after the stream was reset. The
     * engine does not keep when each incident last changed; its {@code updated_at} stands in.
     */
    public void replaceAll(java.util.Collection<StreamEngine.StoredIncident> stored) {
        incidents.clear();
        for (StreamEngine.StoredIncident entry : stored) {
            incidents.put(
                    entry.incident().id(),
                    new Entry(
                            entry.incident(),
                            entry.version(),
                            entry.incident().updatedAt().toEpochMilli()));
        }
    }

    /** Forgets resolved and closed incidents past their retention. */
    public void expire() {
        long cutoff = clock.millis() - closedRetentionMillis;
        incidents.values().removeIf(entry -> !entry.active() && entry.changedAtMillis() < cutoff);
    }

    public int size() {
        return incidents.size();
    }

    @Override
    public List<Incident> incidents(Filter filter) {
        return incidents.values().stream()
                .map(Entry::incident)
                .filter(incident -> filter.matches(Subject.of(incident)))
                .sorted(Comparator.comparing(Incident::updatedAt).reversed().thenComparing(Incident::id))
                .toList();
    }

    @Override
    public Optional<Incident> incident(UUID id) {
        return Optional.ofNullable(get(id));
    }

    private void evictOldest(int count) {
        incidents.values().stream()
                .sorted(Comparator.comparing(Entry::active)
                        .thenComparingLong(Entry::changedAtMillis)
                        .thenComparing(entry -> entry.incident().id()))
                .limit(count)
                .toList()
                .forEach(entry -> incidents.remove(entry.incident().id(), entry));
    }
}
