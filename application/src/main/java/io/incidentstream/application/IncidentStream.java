package io.incidentstream.application;

import io.incidentstream.application.admission.Dispatcher;
import io.incidentstream.application.admission.EventAdmission;
import io.incidentstream.application.admission.FollowLoop;
import io.incidentstream.application.admission.RejectionCounting;
import io.incidentstream.application.admission.StreamFollower;
import io.incidentstream.application.engine.InMemoryStreamEngine;
import io.incidentstream.application.history.InMemoryEventHistory;
import io.incidentstream.application.message.Presence;
import io.incidentstream.application.port.in.ConnectionGate;
import io.incidentstream.application.port.in.IncidentQuery;
import io.incidentstream.application.port.in.LifecycleUseCase;
import io.incidentstream.application.port.in.PublishUseCase;
import io.incidentstream.application.port.in.SessionMaintenance;
import io.incidentstream.application.port.in.SessionUseCase;
import io.incidentstream.application.port.in.StatisticsQuery;
import io.incidentstream.application.port.out.EventEncoder;
import io.incidentstream.application.port.out.EventHistory;
import io.incidentstream.application.port.out.IdGenerator;
import io.incidentstream.application.port.out.PresenceStore;
import io.incidentstream.application.port.out.StreamEngine;
import io.incidentstream.application.port.out.StreamMetrics;
import io.incidentstream.application.presence.InMemoryPresenceStore;
import io.incidentstream.application.presence.PresenceService;
import io.incidentstream.application.presence.PresenceSettings;
import io.incidentstream.application.routing.EventRouter;
import io.incidentstream.application.routing.SubscriptionIndex;
import io.incidentstream.application.session.ConnectionLimits;
import io.incidentstream.application.session.SessionService;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.application.stats.StreamStatistics;
import io.incidentstream.application.view.IncidentView;
import io.incidentstream.domain.filter.Subject;
import io.incidentstream.domain.model.Incident;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

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
    private final StreamFollower follower;
    private final StreamEngine engine;
    private final FollowLoop followLoop;
    private final LifecycleUseCase lifecycle;
    private final StreamStatistics statistics;
    private final ConnectionLimits connections;
    /** Start the first write of sessions that were idle when an event arrived, off the dispatcher thread. */
    private final java.util.concurrent.Executor writers;

    private final PresenceService presence;
    private final PresenceStore presenceStore;
    /** Presence's merged announcements; one thread, which only hands messages to the dispatcher. */
    private final ScheduledExecutorService presenceTimer;

    /** With the in-memory engine: a new epoch for every instance. */
    public IncidentStream(
            StreamSettings settings, EventEncoder encoder, StreamMetrics metrics, Clock clock, IdGenerator ids) {
        this(settings, encoder, metrics, clock, ids, inMemoryEngine(settings, clock, ids), false, newWriterPool());
    }

    /** The in-memory engine of one node, starting a new epoch. */
    public static StreamEngine inMemoryEngine(StreamSettings settings, Clock clock, IdGenerator ids) {
        return new InMemoryStreamEngine(
                ids.newId().toString(),
                0,
                settings.historyCapacity(),
                settings.historyTtl(),
                settings.maxIncidents(),
                settings.closedIncidentRetention(),
                clock);
    }

    /** With the in-memory engine, and presence bounded and stored as given. */
    public IncidentStream(
            StreamSettings settings,
            EventEncoder encoder,
            StreamMetrics metrics,
            Clock clock,
            IdGenerator ids,
            PresenceSettings presenceSettings,
            PresenceStore presenceStore) {
        this(
                settings,
                encoder,
                metrics,
                clock,
                ids,
                inMemoryEngine(settings, clock, ids),
                false,
                newWriterPool(),
                presenceSettings,
                presenceStore);
    }

    /**
     * @param engine  where seqs, history and the incident view's durable state live; closed with the
     *                stream when it is {@link AutoCloseable}
     * @param shared  true when other nodes append to {@code engine} too: a thread then follows it;
     *                false: admission admits on this node what it appended itself, before answering
     * @param writers where a session's first write after being idle starts; {@code Runnable::run}
     *                writes on the dispatcher thread itself (deterministic, for tests of ordering)
     */
    public IncidentStream(
            StreamSettings settings,
            EventEncoder encoder,
            StreamMetrics metrics,
            Clock clock,
            IdGenerator ids,
            StreamEngine engine,
            boolean shared,
            java.util.concurrent.Executor writers) {
        this(
                settings,
                encoder,
                metrics,
                clock,
                ids,
                engine,
                shared,
                writers,
                PresenceSettings.defaults(),
                new InMemoryPresenceStore());
    }

    /**
     * @param presenceSettings bounds of presence (watches per session, update interval)
     * @param presenceStore    who watches what: in memory per node, or shared by a cluster (closed with the stream when {@link AutoCloseable})
     */
    public IncidentStream(
            StreamSettings settings,
            EventEncoder encoder,
            StreamMetrics metrics,
            Clock clock,
            IdGenerator ids,
            StreamEngine engine,
            boolean shared,
            java.util.concurrent.Executor writers,
            PresenceSettings presenceSettings,
            PresenceStore presenceStore) {
        this.writers = writers;
        this.engine = engine;
        this.presenceStore = presenceStore;
        this.view = new IncidentView(settings.maxIncidents(), settings.closedIncidentRetention(), clock);
        InMemoryEventHistory history =
                new InMemoryEventHistory("", settings.historyCapacity(), settings.historyTtl(), clock);
        this.history = history;
        this.statistics = new StreamStatistics(metrics);
        SubscriptionIndex index = new SubscriptionIndex();
        EventRouter router = new EventRouter(index);
        this.dispatcher = new Dispatcher(
                settings.broadcastCapacity(),
                router,
                statistics,
                runnable -> {
                    Thread thread = new Thread(runnable, "incident-stream-dispatcher");
                    thread.setDaemon(true);
                    return thread;
                },
                writers);
        this.follower = new StreamFollower(engine, view, history, dispatcher, clock);
        try {
            follower.start();
        } catch (RuntimeException e) {
            // A node does not start without its stream; it must not leave the engine's connections behind.
            closeEngine();
            throw e;
        }
        this.followLoop = shared ? new FollowLoop(follower) : null;
        this.admission = new EventAdmission(
                dispatcher,
                view,
                clock,
                ids,
                engine,
                follower,
                !shared,
                followLoop == null ? reason -> {} : followLoop::appendFailed);
        this.publisher = new RejectionCounting(admission, statistics);
        this.presenceTimer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "incident-stream-presence");
            thread.setDaemon(true);
            return thread;
        });
        this.presence = new PresenceService(
                presenceStore,
                view::get,
                clock,
                presenceSettings,
                presenceTimer,
                message -> broadcastPresence(router, message));
        this.sessions = SessionService.create(
                settings,
                dispatcher,
                index,
                encoder,
                statistics,
                clock,
                admission,
                ids,
                history,
                view,
                dispatcher.writers(),
                presence);
        this.connections = new ConnectionLimits(
                settings.maxConnections(), settings.maxConnectionsPerAddress(), sessions, statistics);
        statistics.position(admission::epoch, admission::lastSeq);
        statistics.queues(sessions::queuedEvents, dispatcher::pendingEvents);
        follower.onReset(reason -> sessions.streamReset());
        dispatcher.start(follower.applied());
        if (followLoop != null) {
            followLoop.start();
        }
        this.lifecycle = new LifecycleUseCase() {
            @Override
            public boolean ready() {
                return sessions.ready() && (followLoop == null || followLoop.unavailable() == null);
            }

            @Override
            public String notReadyReason() {
                if (!sessions.ready()) {
                    return "shutting down";
                }
                return followLoop == null ? null : followLoop.unavailable();
            }

            @Override
            public void shutdown(Duration deadline) {
                sessions.shutdown(deadline);
            }
        };
    }

    /**
     * Presence goes to the sessions whose subscriptions match the incident as it is now (unknown:
     * its id only), routed on the dispatcher thread, which owns the index, between two events.
     */
    private void broadcastPresence(EventRouter router, Presence message) {
        Incident incident = view.get(message.incidentId());
        Subject subject = incident != null ? Subject.of(incident) : Subject.unknownIncident(message.incidentId());
        dispatcher.submit(() -> presence.sent(router.routeNotice(subject, message)));
    }

    /** One writer thread per core: socket writes are short, and the dispatcher only hands them over. */
    public static java.util.concurrent.ExecutorService newWriterPool() {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(2, Runtime.getRuntime().availableProcessors()), runnable -> {
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

    /** Ready while not shutting down and, with a shared engine, while the engine answers. */
    public LifecycleUseCase lifecycle() {
        return lifecycle;
    }

    /** This node's position in the stream, and how often the stream was reset under it. */
    public StreamFollower follower() {
        return follower;
    }

    public StatisticsQuery statistics() {
        return statistics;
    }

    public IncidentQuery incidents() {
        return view;
    }

    /** Who watches which incident: the read API's question, and the figures for metrics. */
    public PresenceService presence() {
        return presence;
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
        if (followLoop != null) {
            followLoop.stop();
        }
        presenceTimer.shutdownNow();
        closePresenceStore();
        try {
            dispatcher.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writers instanceof java.util.concurrent.ExecutorService pool) {
            pool.shutdown();
        }
        closeEngine();
    }

    /** A shared presence store (Redis) owns a connection and a thread: closed with the stream. */
    private void closePresenceStore() {
        if (presenceStore instanceof AutoCloseable owned) {
            try {
                owned.close();
            } catch (Exception e) {
                System.getLogger(IncidentStream.class.getName())
                        .log(System.Logger.Level.WARNING, "closing the presence store failed", e);
            }
        }
    }

    private void closeEngine() {
        if (engine instanceof AutoCloseable owned) {
            try {
                owned.close();
            } catch (Exception e) {
                System.getLogger(IncidentStream.class.getName())
                        .log(System.Logger.Level.WARNING, "closing the stream engine failed", e);
            }
        }
    }
}
