package io.incidentstream.application.port.out;

import java.util.UUID;

/** Source of new ids: message ids, session ids, stream epochs. Tests supply predictable ones. */
public interface IdGenerator {

    UUID newId();

    /** Random ids, for production. */
    static IdGenerator random() {
        return UUID::randomUUID;
    }
}
