package io.incidentstream.application.port.in;

import java.util.List;

/** Publish events to the stream: all of them are sequenced and dispatched, or none is. */
public interface PublishUseCase {

    PublishResult publish(List<Publication> publications);

    default PublishResult publish(Publication publication) {
        return publish(List.of(publication));
    }
}
