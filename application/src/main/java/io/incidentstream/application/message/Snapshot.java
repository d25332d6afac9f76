package io.incidentstream.application.message;

import io.incidentstream.domain.model.Incident;
import java.util.List;

/** One page of the incidents matching a subscription as of seq S; {@code last} marks the final page. */
public record Snapshot(String subscriptionId, long seq, List<Incident> incidents, boolean last)
        implements ServerMessage {}
