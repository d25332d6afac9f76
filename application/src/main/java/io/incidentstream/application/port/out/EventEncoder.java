package io.incidentstream.application.port.out;

import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.application.message.EncodedEvent;
import java.util.function.Function;

/**
 * Turns an event into its wire form, once per event whatever the number of recipients. A
 * {@link Function} too, so that {@link AdmittedEvent#encoded} can cache the result without the
 * message package depending on the ports (the ports speak messages, not the other way round).
 */
public interface EventEncoder extends Function<AdmittedEvent, EncodedEvent> {

    EncodedEvent encode(AdmittedEvent event);

    @Override
    default EncodedEvent apply(AdmittedEvent event) {
        return encode(event);
    }
}
