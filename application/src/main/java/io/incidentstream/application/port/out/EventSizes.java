package io.incidentstream.application.port.out;

import io.incidentstream.domain.event.Event;

/** The size of an event as subscribers will receive it, for limits on what one event may weigh. */
@FunctionalInterface
public interface EventSizes {

    int bytes(Event event);
}
