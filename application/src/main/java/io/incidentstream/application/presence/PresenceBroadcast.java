package io.incidentstream.application.presence;

import io.incidentstream.application.message.Presence;

/** Hands a presence message to the sessions whose subscriptions match its incident. */
@FunctionalInterface
public interface PresenceBroadcast {

    void send(Presence message);
}
