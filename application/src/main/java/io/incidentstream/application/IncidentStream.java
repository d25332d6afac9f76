package io.incidentstream.application;

import io.incidentstream.application.admission.Dispatcher;
import io.incidentstream.application.admission.EventAdmission;
import io.incidentstream.application.admission.RejectionCounting;
import io.incidentstream.application.port.in.ConnectionGate;
import io.incidentstream.application.port.in.IncidentQuery;
import io.incidentstream.application.port.in.LifecycleUseCase;
import io.incidentstream.application.port.in.PublishUseCase;
import io.incidentstream.application.port.in.SessionMaintenance;
import io.incidentstream.application.port.in.SessionUseCase;
import io.incidentstream.application.port.in.StatisticsQuery;
import io.incidentstream.application.history.InMemoryEventHistory;
import io.incidentstream.application.port.out.EventEncoder;
import io.incidentstream.application.port.out.EventHistory;
import io.incidentstream.application.port.out.IdGenerator;
import io.incidentstream.application.port.out.StreamMetrics;
import io.incidentstream.application.routing.Router;
import io.incidentstream.application.routing.SubscriptionIndex;
import io.incidentstream.application.session.ConnectionLimits;
import io.incidentstream.application.session.SessionService;
import io.incidentstream.application.stats.StreamStatistics;
import io.incidentstream.application.view.IncidentView;
import java.time.Clock;
import java.time.Duration;

/**
 * The stream's core, assembled from its ports: admission, dispatcher, router, sessions, incident
 * view and statistics. Plain Java, so that tests and code embedding the server build it by hand;
 * the server's Dagger component builds it the same way.
 */
public final class IncidentStream implements AutoCloseable {

    private final EventAdmission admission;
    private final PublishUseCase publisher;
    private final Dispatcher dispatcher;
    private final SessionService sessions;
    private final IncidentView view;
    private final EventHistory history;
    private final StreamStatistics statistics;
    private final ConnectionLimits connections;
    /** Start the first write of sessions that were idle when an event arrived, off the dispatcher thread. */
    private final java.util.concurrent.Executor writers;

    /** With the in-memory history: a new epoch for every instance. */
    public IncidentStream(StreamSettings settings, EventEncoder encoder, StreamMetrics metrics, Clock clock,
                          IdGenerator ids) {
        this(settings, encoder, metrics, clock, ids, new InMemoryEventHistory(ids.newId().toString(),
                settings.historyCapacity(), settings.historyTtl(), clock));
    }

    public IncidentStream(StreamSettings settings, EventEncoder encoder, StreamMetrics metrics, Clock clock,
                          IdGenerator ids, EventHistory history) {
        this(settings, encoder, metrics, clock, ids, history, newWriterPool());
    }

    /**
     * @param writers where a session's first write after being idle starts; {@code Runnable::run}
     *                writes on the dispatcher thread itself (deterministic, for tests of ordering)
     */
    public IncidentStream(StreamSettings settings, EventEncoder encoder, StreamMetrics metrics, Clock clock,
                          IdGenerator ids, EventHistory history, java.util.concurrent.Executor writers) {
        this.history = history;
        this.writers = writers;
        this.view = new IncidentView(settings.maxIncidents(), settings.closedIncidentRetention(), clock);
        this.statistics = new StreamStatistics(metrics);
        SubscriptionIndex index = new SubscriptionIndex();
        this.dispatcher = new Dispatcher(settings.broadcastCapacity(), new Router(index), statistics,
                runnable -> {
                    Thread thread = new Thread(runnable, "incident-stream-dispatcher");
                    thread.setDaemon(true);
                    return thread;
                });
        this.admission = new EventAdmission(dispatcher, view, clock, ids, history);
        this.publisher = new RejectionCounting(admission, statistics);
        this.sessions = SessionService.create(settings, dispatcher, index, encoder, statistics, clock, admission, ids,
                history, view, writers);
        this.connections = new ConnectionLimits(settings.maxConnections(), settings.maxConnectionsPerAddress(),
                sessions, statistics);
        statistics.position(admission::epoch, admission::lastSeq);
        statistics.queues(sessions::queuedEvents, dispatcher::pendingEvents);
        dispatcher.start(history.lastSeq());
    }

    /** One writer thread per core: socket writes are short, and the dispatcher only hands them over. */
    private static java.util.concurrent.ExecutorService newWriterPool() {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return java.util.concurrent.Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                runnable -> {
                    Thread thread = new Thread(runnable, "incident-stream-writer-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    public PublishUseCase publisher() {
        return publisher;
    }

    /** The original module's handler-style helpers, over {@link #publisher()}. */
    public IncidentNotifier notifier() {
        return new IncidentNotifier(publisher);
    }

    public SessionUseCase sessions() {
        return sessions;
    }

    /** Heartbeats, idle and stalled-session sweeps: for the server's timers. */
    public SessionMaintenance maintenance() {
        return sessions;
    }

    public ConnectionGate connections() {
        return connections;
    }

    public LifecycleUseCase lifecycle() {
        return sessions;
    }

    public StatisticsQuery statistics() {
        return statistics;
    }

    public IncidentQuery incidents() {
        return view;
    }

    /** Events accepted but not yet dispatched. */
    public int pendingEvents() {
        return dispatcher.pendingEvents();
    }

    /** Events the history retains now, for resuming subscribers. */
    public int retainedEvents() {
        return history.size();
    }

    /** Incidents the server knows now: active ones, and resolved or closed ones within their retention. */
    public int knownIncidents() {
        return view.size();
    }

    /** Shuts down sessions gracefully (see {@link LifecycleUseCase#shutdown}), then stops dispatching. */
    public void shutdown(Duration deadline) {
        sessions.shutdown(deadline);
        close();
    }

    @Override
    public void close() {
        admission.close();
        try {
            dispatcher.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writers instanceof java.util.concurrent.ExecutorService pool) {
            pool.shutdown();
        }
    }
}
