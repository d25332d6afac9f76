package io.incidentstream.application.admission;

import io.incidentstream.application.port.in.Publication;
import io.incidentstream.application.port.in.PublishResult;
import io.incidentstream.application.port.in.PublishUseCase;
import io.incidentstream.application.port.out.StreamMetrics;
import java.util.List;
import java.util.Locale;

/** Counts refused publishes by reason, around any publisher. */
public final class RejectionCounting implements PublishUseCase {

    private final PublishUseCase publisher;
    private final StreamMetrics metrics;

    public RejectionCounting(PublishUseCase publisher, StreamMetrics metrics) {
        this.publisher = publisher;
        this.metrics = metrics;
    }

    @Override
    public boolean mayWait() {
        return publisher.mayWait();
    }

    @Override
    public PublishResult publish(List<Publication> publications) {
        PublishResult result = publisher.publish(publications);
        if (result instanceof PublishResult.Rejected rejected) {
            metrics.publishRejected(rejected.reason().name().toLowerCase(Locale.ROOT));
        }
        return result;
    }
}
