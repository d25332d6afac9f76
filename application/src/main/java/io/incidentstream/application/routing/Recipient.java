package io.incidentstream.application.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * A session as the router sees it. Carries the router's scratch state (which event it last
 * matched, and for which subscriptions) so that routing allocates nothing per candidate. Only the
 * dispatcher thread touches that state.
 *
 * <p>A session may extend this class and be its own sink, rather than hold a recipient: one
 * object less for every connection.
 */
public class Recipient {

    final EventSink sink;
    long stamp = -1;
    /** The first subscription that matched the current event: usually the only one. */
    private Registration first;
    /** The ids of all that matched, when more than one did; made on the first such event and reused. */
    private ArrayList<String> several;

    private boolean matchedSeveral;

    public Recipient(EventSink sink) {
        this.sink = sink;
    }

    /** For a subclass that is the sink itself. */
    protected Recipient() {
        this.sink = (EventSink) this;
    }

    void startMatching(Registration registration) {
        first = registration;
        matchedSeveral = false;
    }

    void alsoMatched(Registration registration) {
        if (!matchedSeveral) {
            if (several == null) {
                several = new ArrayList<>(4);
            }
            several.clear();
            several.add(first.subscriptionId);
            matchedSeveral = true;
        }
        several.add(registration.subscriptionId);
    }

    /** The ids that matched: the registration's own one-element list in the usual case, so nothing is allocated. */
    List<String> matchedIds() {
        return matchedSeveral ? List.copyOf(several) : first.ids();
    }
}
