package io.incidentstream.application.alerts;

import io.incidentstream.application.port.in.IncidentQuery;
import io.incidentstream.application.port.in.Publication;
import io.incidentstream.application.port.in.PublishResult;
import io.incidentstream.application.port.in.PublishUseCase;
import io.incidentstream.domain.event.Escalated;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.IncidentEvent;
import io.incidentstream.domain.event.IncidentEvolution;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Incident;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A publisher that records what it accepts, in order, and keeps the incidents they make (as the
 * stream's incident view would); it can be told to refuse, as a full stream does. Thread-safe.
 */
final class RecordingPublisher implements PublishUseCase, IncidentQuery {

    private final List<Event> events = new ArrayList<>();
    private final Map<UUID, Incident> incidents = new ConcurrentHashMap<>();
    private volatile PublishResult.Reason refusal;
    private volatile boolean mayHaveBeenPublished;
    private long seq;

    void refuse(PublishResult.Reason reason) {
        refusal = reason;
        mayHaveBeenPublished = false;
    }

    /** Refuses as an engine that lost its connection mid-append does: the batch may have been stored. */
    void refuseWithOutcomeUnknown() {
        refusal = PublishResult.Reason.ENGINE_UNAVAILABLE;
        mayHaveBeenPublished = true;
    }

    @Override
    public synchronized PublishResult publish(List<Publication> publications) {
        if (refusal != null) {
            return new PublishResult.Rejected(refusal, "refused by the test", mayHaveBeenPublished);
        }
        List<PublishResult.Receipt> receipts = new ArrayList<>();
        for (Publication publication : publications) {
            Event event = publication.event();
            events.add(event);
            if (event instanceof IncidentEvent incidentEvent) {
                incidents.put(
                        event.incidentId(),
                        IncidentEvolution.apply(
                                null, event, incidentEvent.incident().updatedAt()));
            } else if (event instanceof Escalated escalated) {
                incidents.computeIfPresent(
                        escalated.incidentId(),
                        (id, known) -> IncidentEvolution.apply(known, escalated, known.updatedAt()));
            }
            receipts.add(new PublishResult.Receipt(UUID.randomUUID(), ++seq));
        }
        return new PublishResult.Accepted(receipts);
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    synchronized List<String> types() {
        return events.stream().map(e -> e.type().wire()).toList();
    }

    /** Forgets an incident, as the view does after its retention. */
    void forget(UUID id) {
        incidents.remove(id);
    }

    void put(Incident incident) {
        incidents.put(incident.id(), incident);
    }

    @Override
    public List<Incident> incidents(Filter filter) {
        return List.copyOf(incidents.values());
    }

    @Override
    public Optional<Incident> incident(UUID id) {
        return Optional.ofNullable(incidents.get(id));
    }
}
