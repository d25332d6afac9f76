package io.incidentstream.client;

import java.util.List;

/** One page of a snapshot: the subscription's matching incidents as of {@code seq}; complete when {@code last}. */
public record SnapshotPage(String subscriptionId, long seq, List<Incident> incidents, boolean last) {}
