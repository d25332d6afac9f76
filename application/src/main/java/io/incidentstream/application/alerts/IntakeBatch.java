package io.incidentstream.application.alerts;

import io.incidentstream.application.port.in.Publication;
import io.incidentstream.domain.event.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * What one notification will publish, in order, with the alert each event came from, the counts
 * of the answer, and how to take back the episode steps already taken if the publish is refused.
 */
final class IntakeBatch {

    private final List<Publication> publications = new ArrayList<>();
    private final List<Integer> alertIndexes = new ArrayList<>();
    private final List<Runnable> undo = new ArrayList<>();
    int opened;
    int resolved;
    int deduplicated;

    void add(int alertIndex, Event event) {
        publications.add(Publication.of(event));
        alertIndexes.add(alertIndex);
    }

    /** Registers how to take back an episode step, should nothing be published. */
    void onRefusal(Runnable step) {
        undo.add(step);
    }

    List<Publication> publications() {
        return publications;
    }

    int alertIndexOf(int publication) {
        return alertIndexes.get(publication);
    }

    /** Takes back every episode step, latest first, so the sender's retry finds the episodes as they were. */
    void rollBack() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
    }
}
