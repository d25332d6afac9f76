package io.incidentstream.application.alerts;

import io.incidentstream.application.port.in.Publication;
import io.incidentstream.domain.event.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * What one notification will publish, in order, with the alert each event came from, the counts
 * of the answer, and the episode steps to confirm or take back once the publish is known.
 */
final class IntakeBatch {

    private final List<Publication> publications = new ArrayList<>();
    private final List<Integer> alertIndexes = new ArrayList<>();
    private final EpisodeSteps steps;
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

    List<Publication> publications() {
        return publications;
    }

    int alertIndexOf(int publication) {
        return alertIndexes.get(publication);
    }
}
