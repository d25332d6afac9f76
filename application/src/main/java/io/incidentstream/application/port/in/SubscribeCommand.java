package io.incidentstream.application.port.in;

import io.incidentstream.domain.filter.Filter;

/**
 * A client's request to start (or replace) the subscription {@code subscriptionId}; to resume after
 * {@code since} in {@code epoch} (both or neither), and to receive a snapshot of matching incidents.
 */
public record SubscribeCommand(String subscriptionId, Filter filter, Long since, String epoch, boolean snapshot) {

    public SubscribeCommand {
        if (subscriptionId == null || filter == null) {
            throw new IllegalArgumentException("subscription_id and filter are required");
        }
        if ((since == null) != (epoch == null)) {
            throw new IllegalArgumentException("since and epoch go together");
        }
    }

    /** A plain live subscription. */
    public SubscribeCommand(String subscriptionId, Filter filter) {
        this(subscriptionId, filter, null, null, false);
    }

    public boolean resuming() {
        return since != null;
    }
}
