package io.incidentstream.application.routing;

import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.application.message.ServerMessage;
import java.util.List;

/** Where the router hands an event for one session, with that session's matching subscription ids. */
public interface EventSink {

    void deliver(AdmittedEvent event, List<String> subscriptionIds);

    /**
     * A message about something the session subscribes to that is not an event of the stream
     * (presence); returns whether the session took it (a token that may not see incidents does not).
     * A sink for events alone declines every notice.
     */
    default boolean notice(ServerMessage message) {
        return false;
    }
}
