package io.incidentstream.application.message;

import java.util.List;

/**
 * One event for one session, with the ids of that session's subscriptions that matched;
 * {@code replayed} when it comes from history for a resuming subscription rather than live.
 */
public record EventMessage(AdmittedEvent event, List<String> subscriptionIds, boolean replayed)
        implements ServerMessage {

    public EventMessage(AdmittedEvent event, List<String> subscriptionIds) {
        this(event, subscriptionIds, false);
    }
}
