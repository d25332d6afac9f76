package io.incidentstream.application.message;

import io.incidentstream.domain.filter.Filter;

/**
 * A subscription is live. {@code seq} is the last seq before it went live; {@code recovered} and
 * {@code replayed} are null unless the client asked to resume.
 */
public record Subscribed(String subscriptionId, Filter filters, long seq, Boolean recovered, Long replayed)
        implements ServerMessage {}
