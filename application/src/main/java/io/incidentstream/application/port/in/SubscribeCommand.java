package io.incidentstream.application.port.in;

import io.incidentstream.domain.filter.Filter;

/** A client's request to start (or replace) the subscription {@code subscriptionId}. */
public record SubscribeCommand(String subscriptionId, Filter filter) {

    public SubscribeCommand {
        if (subscriptionId == null || filter == null) {
            throw new IllegalArgumentException("subscription_id and filter are required");
        }
    }
}
