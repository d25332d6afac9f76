package io.incidentstream.client;

/**
 * A subscription to keep: its id, filters, whether to start with a snapshot, and optionally a saved
 * {@link Position} to resume from (the snapshot then comes only if the server cannot replay).
 */
public record Subscription(String id, Filters filters, boolean snapshot, Position resumeFrom) {

    public Subscription {
        if (id == null || id.isEmpty() || id.length() > 128) {
            throw new IllegalArgumentException("a subscription id is 1 to 128 characters");
        }
        filters = filters == null ? Filters.all() : filters;
    }

    public static Subscription of(String id, Filters filters) {
        return new Subscription(id, filters, false, null);
    }

    public Subscription withSnapshot() {
        return new Subscription(id, filters, true, resumeFrom);
    }

    public Subscription resumingFrom(Position position) {
        return new Subscription(id, filters, snapshot, position);
    }
}
