package io.incidentstream.application.admission;

import io.incidentstream.application.port.in.Publication;
import io.incidentstream.application.port.in.PublishResult;
import io.incidentstream.application.port.in.PublishUseCase;
import io.incidentstream.application.port.out.EngineUnavailableException;
import io.incidentstream.application.port.out.IdGenerator;
import io.incidentstream.application.port.out.StreamEngine;
import io.incidentstream.application.port.out.StreamEngine.AppendResult;
import io.incidentstream.application.port.out.StreamEngine.Appended;
import io.incidentstream.application.port.out.StreamEngine.Candidate;
import io.incidentstream.application.port.out.StreamEngine.Conflict;
import io.incidentstream.application.port.out.StreamEngine.StoredIncident;
import io.incidentstream.application.view.IncidentView;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.IncidentEvolution;
import io.incidentstream.domain.event.Priority;
import io.incidentstream.domain.model.Incident;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Admission: the one place where events enter the stream. It refuses (before anything is assigned)
 * when this node's dispatch queue has no room, works out what each event does to the incident it
 * concerns from the incident as known now, and appends the batch to the engine, which gives the
 * seqs, atomically, in arrival order. When another node changed one of those incidents first, the
 * engine says so and admission tries again from the incident as it now stands.
 *
 * <p>Publishes are serialized on this node. The events then reach this node's sessions through the
 * {@link StreamFollower}, as they reach every other node's: with the in-memory engine admission
 * runs the follower itself before it answers; with a shared engine it waits for the follower, so
 * that a publisher reading back what it published (the read API, a snapshot) finds it here.
 */
public final class EventAdmission implements PublishUseCase {

    private static final int ATTEMPTS = 8;
    private static final Duration FOLLOW_WAIT = Duration.ofSeconds(5);

    private final Dispatcher dispatcher;
    private final IncidentView view;
    private final Clock clock;
    private final IdGenerator ids;
    private final StreamEngine engine;
    private final StreamFollower follower;
    private final Consumer<String> appendFailed;
    private final boolean followsItself;
    private volatile boolean open = true;

    /**
     * @param followsItself true when no follower thread runs (the in-memory engine): admission reads
     *                      what it appended itself, before answering
     * @param appendFailed  told why, each time an append finds the engine unavailable: the node is not
     *                      ready while publishes are refused (see {@link FollowLoop#appendFailed})
     */
    public EventAdmission(
            Dispatcher dispatcher,
            IncidentView view,
            Clock clock,
            IdGenerator ids,
            StreamEngine engine,
            StreamFollower follower,
            boolean followsItself,
            Consumer<String> appendFailed) {
        this.appendFailed = appendFailed;
        this.dispatcher = dispatcher;
        this.view = view;
        this.clock = clock;
        this.ids = ids;
        this.engine = engine;
        this.follower = follower;
        this.followsItself = followsItself;
    }

    @Override
    public synchronized PublishResult publish(List<Publication> publications) {
        if (!open) {
            return new PublishResult.Rejected(PublishResult.Reason.SHUTTING_DOWN, "the server is shutting down");
        }
        int count = publications.size();
        if (count > dispatcher.capacity()) {
            return new PublishResult.Rejected(
                    PublishResult.Reason.BATCH_TOO_LARGE,
                    "a batch may hold at most " + dispatcher.capacity() + " events, this one has " + count);
        }
        if (dispatcher.pendingEvents() + count > dispatcher.capacity()) {
            return new PublishResult.Rejected(
                    PublishResult.Reason.OVERLOADED,
                    "the dispatch queue is full (" + dispatcher.capacity() + " events); retry shortly");
        }
        if (count == 0) {
            return new PublishResult.Accepted(List.of());
        }
        List<UUID> messageIds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messageIds.add(ids.newId());
        }
        Map<UUID, StoredIncident> current = new HashMap<>();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            AppendResult result;
            try {
                result = engine.append(candidates(publications, messageIds, current));
            } catch (EngineUnavailableException e) {
                appendFailed.accept(e.getMessage());
                return new PublishResult.Rejected(
                        PublishResult.Reason.ENGINE_UNAVAILABLE,
                        "the stream engine is unavailable (" + e.getMessage()
                                + (e.outcomeUnknown()
                                        ? "); the batch may have been published nonetheless, and is then delivered"
                                                + " when the engine is back: a retry may publish it twice"
                                        : "); nothing was published, retry shortly"),
                        e.outcomeUnknown());
            }
            if (result instanceof Appended appended) {
                follow(appended.epoch(), appended.firstSeq() + count - 1);
                List<PublishResult.Receipt> receipts = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    receipts.add(new PublishResult.Receipt(messageIds.get(i), appended.firstSeq() + i));
                }
                return new PublishResult.Accepted(List.copyOf(receipts));
            }
            current.putAll(((Conflict) result).current());
        }
        return new PublishResult.Rejected(
                PublishResult.Reason.OVERLOADED,
                "the incidents of this batch kept changing on other nodes; retry shortly");
    }

    /**
     * The batch as the engine takes it: each event with the incident as known before it (from the
     * engine's answer to a conflict where there was one, else this node's view), and what it makes of it.
     */
    private List<Candidate> candidates(
            List<Publication> publications, List<UUID> messageIds, Map<UUID, StoredIncident> current) {
        Map<UUID, Incident> changedInBatch = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>(publications.size());
        for (int i = 0; i < publications.size(); i++) {
            Event event = publications.get(i).event();
            Priority given = publications.get(i).priority();
            Priority priority = given != null ? given : Priority.defaultFor(event);
            Instant now = clock.instant();
            UUID id = event.incidentId();
            Incident known;
            long expected;
            if (id != null && changedInBatch.containsKey(id)) {
                known = changedInBatch.get(id);
                expected = -1;
            } else {
                StoredIncident stored =
                        id == null ? null : current.containsKey(id) ? current.get(id) : view.versioned(id);
                known = stored == null ? null : stored.incident();
                expected = stored == null ? 0 : stored.version();
            }
            Incident after = IncidentEvolution.apply(known, event, now);
            boolean changed = after != null && after != known;
            if (changed) {
                changedInBatch.put(id, after);
            }
            candidates.add(new Candidate(
                    messageIds.get(i),
                    event,
                    priority,
                    now,
                    known,
                    id == null ? -1 : expected,
                    changed ? after : null));
        }
        return candidates;
    }

    /** Until this node has admitted {@code seq} (or its stream was reset meanwhile). */
    private void follow(String epoch, long seq) {
        if (followsItself) {
            while (follower.applied() < seq && epoch.equals(follower.epoch())) {
                if (follower.poll(Duration.ZERO) == 0) {
                    break;
                }
            }
            return;
        }
        follower.awaitApplied(epoch, seq, FOLLOW_WAIT);
    }

    /**
     * Runs {@code reading} while no event is admitted, so that what it reads of the incident view
     * and {@link #lastSeq()} belong to the same moment of the stream (a snapshot as of S).
     */
    public <T> T atomically(java.util.function.Supplier<T> reading) {
        return follower.atomically(reading);
    }

    /** With a shared engine every publish is a round trip to it. */
    @Override
    public boolean mayWait() {
        return !followsItself;
    }

    /**
     * Whether a client resuming from {@code since} of {@code epoch} holds events this node has yet to
     * read: only where other nodes append to the stream too (this node reads their events a moment
     * after), and only when the stream really handed out that seq (asked of the engine, a round trip:
     * so not on the dispatcher thread). A position the engine cannot confirm, or a refusal of the
     * engine, is no such position.
     */
    public boolean aheadOfThisNode(String epoch, long since) {
        if (!mayAskEngineAbout(epoch, since)) {
            return false;
        }
        try {
            return engine.handedOut(epoch, since);
        } catch (io.incidentstream.application.port.out.EngineUnavailableException e) {
            return false;
        }
    }

    /**
     * Whether {@link #aheadOfThisNode} would ask the engine (a round trip that may wait) rather than
     * answer at once. A false answer stays false while the stream keeps its epoch (this node's
     * position only grows in one epoch).
     */
    public boolean mayAskEngineAbout(String epoch, long since) {
        return !followsItself && since > lastSeq() && epoch.equalsIgnoreCase(follower.epoch());
    }

    /** Refuses every later publish; used at shutdown. */
    public void close() {
        open = false;
    }

    public String epoch() {
        return follower.epoch();
    }

    /** The seq of the last event admitted on this node. */
    public long lastSeq() {
        return follower.applied();
    }
}
