package io.incidentstream.application.admission;

import io.incidentstream.application.history.InMemoryEventHistory;
import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.application.port.out.EngineUnavailableException;
import io.incidentstream.application.port.out.StreamEngine;
import io.incidentstream.application.port.out.StreamEngine.Feed;
import io.incidentstream.application.port.out.StreamEngine.Logged;
import io.incidentstream.application.port.out.StreamEngine.Origin;
import io.incidentstream.application.view.IncidentView;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.IncidentEvolution;
import io.incidentstream.domain.event.IncidentLinkedEvent;
import io.incidentstream.domain.filter.Attribution;
import io.incidentstream.domain.model.Incident;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * This node's reader of the engine's stream. It takes the events in seq order and admits each one
 * here: resolves its filter attributes from the incident it concerned before (stored with the
 * event, so every node resolves the same), updates the incident view, appends it to the node's
 * history, and hands it to the dispatcher. One thread reads at a time (the admission thread with
 * the in-memory engine, the follower thread with a shared one), so there is no lock on reading;
 * {@link #atomically} holds off applying while a snapshot reads the view with its seq.
 *
 * <p>It never skips silently: when the engine's epoch changes, or the first event after this node's
 * position is no longer retained, it reloads the view from the engine, starts the history afresh
 * and tells {@link Resets} (sessions are closed with 1012 and resume with {@code recovered: false}).
 */
public final class StreamFollower {

    /** Told, on the dispatcher thread after every event of the old stream, that the stream was reset. */
    public interface Resets {
        void streamReset(String reason);
    }

    private static final System.Logger LOG = System.getLogger(StreamFollower.class.getName());
    private static final int BATCH = 1000;

    private final StreamEngine engine;
    private final IncidentView view;
    private final InMemoryEventHistory history;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final Object applying = new Object();
    private final Object progress = new Object();
    private volatile Resets resets = reason -> {};
    private volatile String epoch;
    private volatile long applied;
    private volatile long resetCount;

    public StreamFollower(
            StreamEngine engine, IncidentView view, InMemoryEventHistory history, Dispatcher dispatcher, Clock clock) {
        this.engine = engine;
        this.view = view;
        this.history = history;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** Loads the engine's view and the events it retains; call once before reading. */
    public void start() {
        load(engine.open());
    }

    public void onReset(Resets resets) {
        this.resets = resets;
    }

    public String epoch() {
        return epoch;
    }

    /** The seq of the last event admitted on this node: its position in the stream. */
    public long applied() {
        return applied;
    }

    /** How many times the stream was reset under this node. */
    public long resets() {
        return resetCount;
    }

    /**
     * Reads what follows this node's position, waiting up to {@code wait} for it, and admits it.
     *
     * @return the number of events admitted
     * @throws EngineUnavailableException when the engine cannot be reached (nothing was skipped)
     */
    public int poll(Duration wait) {
        Feed feed = engine.read(applied, BATCH, wait);
        if (!feed.epoch().equals(epoch)) {
            reset("the stream was lost (epoch " + epoch + " is now " + feed.epoch() + ")");
            return 0;
        }
        if (!feed.events().isEmpty() && feed.events().get(0).seq() > applied + 1) {
            reset("this node fell behind further than the history retains (at seq " + applied
                    + ", the oldest retained is " + feed.events().get(0).seq() + ")");
            return 0;
        }
        for (Logged event : feed.events()) {
            awaitRoom();
            AdmittedEvent admitted = admitted(event);
            synchronized (applying) {
                apply(event);
                history.append(admitted);
                applied = event.seq();
            }
            dispatcher.accept(admitted);
        }
        if (!feed.events().isEmpty()) {
            signalProgress();
        }
        return feed.events().size();
    }

    /** Waits until this node has admitted {@code seq} of {@code epoch}, the epoch changed, or {@code timeout}. */
    public void awaitApplied(String epoch, long seq, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (applied < seq && epoch.equals(this.epoch)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    progress.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void signalProgress() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    /** Runs {@code reading} while no event is applied, so the view and {@link #applied()} agree. */
    public <T> T atomically(java.util.function.Supplier<T> reading) {
        synchronized (applying) {
            return reading.get();
        }
    }

    /**
     * The event as this node admits it: attributes from the incident as it was before, and an
     * incident-linked event filled in with the incident as known after it (null when unknown). Both
     * come from the {@code before} and publication time stored with the event, so every node, and
     * every replay from history, gives the same seq the same incident.
     */
    private AdmittedEvent admitted(Logged event) {
        long ageNanos = Math.max(
                0, Duration.between(event.publishedAt(), clock.instant()).toNanos());
        Event admitted = event.event();
        if (admitted instanceof IncidentLinkedEvent linked) {
            admitted = linked.withIncident(IncidentEvolution.apply(event.before(), event.event(), event.publishedAt()));
        }
        return new AdmittedEvent(
                event.messageId(),
                event.seq(),
                admitted,
                event.priority(),
                event.publishedAt(),
                System.nanoTime() - ageNanos,
                Attribution.of(event.event(), event.before()));
    }

    /** What the event makes of its incident, as the engine recorded it at append. */
    private void apply(Logged event) {
        Incident before = event.before();
        Incident after = IncidentEvolution.apply(before, event.event(), event.publishedAt());
        if (after != null && after != before) {
            view.put(after, event.seq(), event.publishedAt().toEpochMilli());
        } else if (before == null) {
            // The engine did not know the incident (it forgot it, within its bounds): neither do we.
            view.remove(event.event().incidentId());
        }
    }

    /** Events from other nodes cannot be refused: the reader waits while the dispatcher is full. */
    private void awaitRoom() {
        while (dispatcher.pendingEvents() >= dispatcher.capacity()) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    private void reset(String reason) {
        LOG.log(System.Logger.Level.WARNING, "stream reset: " + reason);
        load(engine.open());
        resetCount++;
        signalProgress();
        dispatcher.submit(() -> resets.streamReset(reason));
    }

    /** Takes the engine's view as of its seq, and the retained events up to that seq as history. */
    private void load(Origin origin) {
        synchronized (applying) {
            view.replaceAll(origin.incidents());
            history.reset(origin.epoch(), origin.seq());
            boolean first = true;
            long after = 0;
            while (true) {
                Feed feed = engine.read(after, BATCH, Duration.ZERO);
                if (!feed.epoch().equals(origin.epoch()) || feed.events().isEmpty()) {
                    break;
                }
                for (Logged event : feed.events()) {
                    if (event.seq() > origin.seq()) {
                        break;
                    }
                    if (first) {
                        history.reset(origin.epoch(), event.seq() - 1);
                        first = false;
                    }
                    history.append(admitted(event));
                    after = event.seq();
                }
                if (after >= origin.seq()
                        || feed.events().get(feed.events().size() - 1).seq() > origin.seq()) {
                    break;
                }
            }
            if (first || after < origin.seq()) {
                history.reset(origin.epoch(), origin.seq());
            }
            epoch = origin.epoch();
            applied = origin.seq();
        }
    }
}
