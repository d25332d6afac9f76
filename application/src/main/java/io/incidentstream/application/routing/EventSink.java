package io.incidentstream.application.routing;

import io.incidentstream.application.message.AdmittedEvent;
import java.util.List;

/** Where the router hands an event for one session, with that session's matching subscription ids. */
public interface EventSink {

    void deliver(AdmittedEvent event, List<String> subscriptionIds);
}
