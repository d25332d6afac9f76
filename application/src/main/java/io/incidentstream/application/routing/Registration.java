package io.incidentstream.application.routing;

import io.incidentstream.domain.filter.Filter;

/** One subscription of one session, as filed in the index. */
public final class Registration {

    final Recipient recipient;
    final String subscriptionId;
    final Filter filter;
    long stamp = -1;

    public Registration(Recipient recipient, String subscriptionId, Filter filter) {
        this.recipient = recipient;
        this.subscriptionId = subscriptionId;
        this.filter = filter;
    }

    public String subscriptionId() {
        return subscriptionId;
    }

    public Filter filter() {
        return filter;
    }
}
