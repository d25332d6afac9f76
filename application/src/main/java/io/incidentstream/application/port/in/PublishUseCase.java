package io.incidentstream.application.port.in;

import java.util.List;

/** Publish events to the stream: all of them are sequenced and dispatched, or none is. */
public interface PublishUseCase {

    PublishResult publish(List<Publication> publications);

    default PublishResult publish(Publication publication) {
        return publish(List.of(publication));
    }

    /**
     * Whether a publish may wait on the network (a shared stream engine: a Redis round trip, and up
     * to seconds while Redis is unreachable). Transports then call it off their I/O threads.
     */
    default boolean mayWait() {
        return false;
    }
}
