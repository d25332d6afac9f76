package io.incidentstream.application.routing;

import io.incidentstream.domain.filter.Filter;
import java.util.List;

/** One subscription of one session, as filed in the index. */
public final class Registration {

    final Recipient recipient;
    final String subscriptionId;
    /** This subscription's id as the list an event carries when it alone matched: made on the first such event, then reused. */
    private List<String> ids;

    final Filter filter;
    /** The subscription is live for events after this seq; earlier ones were before it existed. */
    final long liveAfterSeq;

    long stamp = -1;

    public Registration(Recipient recipient, String subscriptionId, Filter filter, long liveAfterSeq) {
        this.recipient = recipient;
        this.subscriptionId = subscriptionId;
        this.filter = filter;
        this.liveAfterSeq = liveAfterSeq;
    }

    /** Dispatcher thread only, like all routing state. */
    List<String> ids() {
        if (ids == null) {
            ids = List.of(subscriptionId);
        }
        return ids;
    }

    public String subscriptionId() {
        return subscriptionId;
    }

    public Filter filter() {
        return filter;
    }

    public long liveAfterSeq() {
        return liveAfterSeq;
    }
}
