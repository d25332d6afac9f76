package io.incidentstream.application.admission;

import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.application.port.in.PublishResult;
import io.incidentstream.application.port.in.PublishUseCase;
import io.incidentstream.application.port.in.Publication;
import io.incidentstream.application.port.out.EventHistory;
import io.incidentstream.application.port.out.IdGenerator;
import io.incidentstream.application.view.IncidentView;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.IncidentEvolution;
import io.incidentstream.domain.event.Priority;
import io.incidentstream.domain.filter.Attribution;
import io.incidentstream.domain.filter.EventAttributes;
import io.incidentstream.domain.model.Incident;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Admission: the one place where events enter the stream. Under one lock it reserves room in the
 * dispatch queue (refusing before anything is assigned when there is none), gives each event its
 * message id and the next seq, resolves its filter attributes against the incident view as it was
 * just before, updates the view, appends it to the history, and queues it for dispatch. Seq order is therefore arrival order,
 * and attributes never depend on dispatch timing.
 */
public final class EventAdmission implements PublishUseCase {

    private final Dispatcher dispatcher;
    private final IncidentView view;
    private final Clock clock;
    private final IdGenerator ids;
    private final EventHistory history;
    private volatile long lastSeq;
    private volatile boolean open = true;

    /** The stream continues where {@code history} left off, in its epoch. */
    public EventAdmission(Dispatcher dispatcher, IncidentView view, Clock clock, IdGenerator ids,
                          EventHistory history) {
        this.dispatcher = dispatcher;
        this.view = view;
        this.clock = clock;
        this.ids = ids;
        this.history = history;
        this.lastSeq = history.lastSeq();
    }

    @Override
    public synchronized PublishResult publish(List<Publication> publications) {
        if (!open) {
            return new PublishResult.Rejected(PublishResult.Reason.SHUTTING_DOWN, "the server is shutting down");
        }
        int count = publications.size();
        if (count > dispatcher.capacity()) {
            return new PublishResult.Rejected(PublishResult.Reason.BATCH_TOO_LARGE,
                    "a batch may hold at most " + dispatcher.capacity() + " events, this one has " + count);
        }
        if (!dispatcher.reserve(count)) {
            return new PublishResult.Rejected(PublishResult.Reason.OVERLOADED,
                    "the dispatch queue is full (" + dispatcher.capacity() + " events); retry shortly");
        }
        List<PublishResult.Receipt> receipts = new ArrayList<>(count);
        for (Publication publication : publications) {
            AdmittedEvent admitted = admit(publication);
            receipts.add(new PublishResult.Receipt(admitted.messageId(), admitted.seq()));
            dispatcher.enqueue(admitted);
        }
        return new PublishResult.Accepted(List.copyOf(receipts));
    }

    private AdmittedEvent admit(Publication publication) {
        Event event = publication.event();
        Priority priority = publication.priority() != null ? publication.priority() : Priority.defaultFor(event);
        Instant now = clock.instant();
        Incident known = view.get(event.incidentId());
        EventAttributes attributes = Attribution.of(event, known);
        Incident after = IncidentEvolution.apply(known, event, now);
        if (after != known) {
            view.put(after);
        }
        long seq = lastSeq + 1;
        AdmittedEvent admitted = new AdmittedEvent(ids.newId(), seq, event, priority, now, System.nanoTime(),
                attributes);
        // History first, then the seq: whoever reads lastSeq finds every event up to it in the history.
        history.append(admitted);
        lastSeq = seq;
        return admitted;
    }

    /**
     * Runs {@code reading} while no event is admitted, so that what it reads of the incident view
     * and {@link #lastSeq()} belong to the same moment of the stream (a snapshot as of S).
     */
    public synchronized <T> T atomically(java.util.function.Supplier<T> reading) {
        return reading.get();
    }

    /** Refuses every later publish; used at shutdown. */
    public void close() {
        open = false;
    }

    public String epoch() {
        return history.epoch();
    }

    /** The seq of the last accepted event. */
    public long lastSeq() {
        return lastSeq;
    }
}
