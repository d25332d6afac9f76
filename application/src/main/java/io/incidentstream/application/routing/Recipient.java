package io.incidentstream.application.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * A session as the router sees it. Carries the router's scratch state (which event it last
 * matched, and for which subscriptions) so that routing allocates nothing per candidate. Only the
 * dispatcher thread touches that state.
 */
public final class Recipient {

    final EventSink sink;
    long stamp = -1;
    final ArrayList<String> matched = new ArrayList<>(2);

    public Recipient(EventSink sink) {
        this.sink = sink;
    }

    List<String> matchedIds() {
        return matched.size() == 1 ? List.of(matched.get(0)) : List.copyOf(matched);
    }
}
