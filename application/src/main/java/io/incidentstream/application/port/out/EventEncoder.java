package io.incidentstream.application.port.out;

import io.incidentstream.application.message.AdmittedEvent;

/** Turns an event into its wire form, once per event whatever the number of recipients. */
public interface EventEncoder {

    EncodedEvent encode(AdmittedEvent event);
}
