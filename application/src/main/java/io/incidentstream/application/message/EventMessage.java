package io.incidentstream.application.message;

import java.util.List;

/** One event for one session, with the ids of that session's subscriptions that matched. */
public record EventMessage(AdmittedEvent event, List<String> subscriptionIds) implements ServerMessage {
}
