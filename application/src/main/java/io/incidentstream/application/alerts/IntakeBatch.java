package io.incidentstream.application.alerts;

import io.incidentstream.application.port.in.Publication;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.model.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one notification will publish, in order, with the alert each event came from, the counts
 * of the answer, and the episode steps to confirm or take back once the publish is known.
 */
final class IntakeBatch {

    private final List<Publication> publications = new ArrayList<>();
    private final List<Integer> alertIndexes = new ArrayList<>();
    private final EpisodeSteps steps;
    /** The severity each incident will have once this batch is published (opened or escalated in it). */
    private final Map<UUID, Severity> severities = new HashMap<>();

    int opened;
    int resolved;
    int deduplicated;

    IntakeBatch(EpisodeSteps steps) {
        this.steps = steps;
    }

    /** The episode steps taken for this batch, confirmed or taken back with it. */
    EpisodeSteps steps() {
        return steps;
    }

    void add(int alertIndex, Event event) {
        publications.add(Publication.of(event));
        alertIndexes.add(alertIndex);
    }

    /** Null when this batch has neither opened nor escalated the incident. */
    Severity severityOf(UUID incident) {
        return severities.get(incident);
    }

    void severity(UUID incident, Severity severity) {
        severities.put(incident, severity);
    }

    List<Publication> publications() {
        return publications;
    }

    int alertIndexOf(int publication) {
        return alertIndexes.get(publication);
    }
}
