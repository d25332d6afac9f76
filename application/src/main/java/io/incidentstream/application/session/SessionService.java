package io.incidentstream.application.session;

import io.incidentstream.application.admission.Dispatcher;
import io.incidentstream.application.admission.EventAdmission;
import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.message.Closing;
import io.incidentstream.application.message.Welcome;
import io.incidentstream.application.port.in.ClientSession;
import io.incidentstream.application.port.in.LifecycleUseCase;
import io.incidentstream.application.port.in.SessionMaintenance;
import io.incidentstream.application.port.in.SessionUseCase;
import io.incidentstream.application.port.out.Access;
import io.incidentstream.application.port.out.ClientChannel;
import io.incidentstream.application.port.out.EventEncoder;
import io.incidentstream.application.port.out.EventHistory;
import io.incidentstream.application.port.out.IdGenerator;
import io.incidentstream.application.routing.SubscriptionIndex;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.application.stats.StreamStatistics;
import io.incidentstream.application.view.IncidentView;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Opens sessions, and takes them all down on shutdown. */
public final class SessionService implements SessionUseCase, LifecycleUseCase, SessionMaintenance {

    private final SessionContext context;
    private final EventAdmission admission;
    private final IdGenerator ids;
    private volatile boolean ready = true;

    private SessionService(SessionContext context, EventAdmission admission, IdGenerator ids) {
        this.context = context;
        this.admission = admission;
        this.ids = ids;
    }

    public static SessionService create(
            StreamSettings settings,
            Dispatcher dispatcher,
            SubscriptionIndex index,
            EventEncoder encoder,
            StreamStatistics statistics,
            Clock clock,
            EventAdmission admission,
            IdGenerator ids,
            EventHistory history,
            IncidentView view,
            java.util.concurrent.Executor writers,
            io.incidentstream.application.presence.PresenceService presence) {
        SessionContext context = new SessionContext(
                settings,
                dispatcher,
                index,
                encoder,
                statistics,
                clock,
                new SessionRegistry(),
                admission,
                history,
                view,
                new Outbox.Settings(settings.maxPendingMessages(), settings.maxPendingBytes(), clock, writers),
                presence);
        return new SessionService(context, admission, ids);
    }

    @Override
    public ClientSession open(ClientChannel channel, Access access) {
        StreamSession session = new StreamSession(ids.newId().toString(), channel, context, access);
        context.registry().add(session);
        context.statistics().sessionOpened(channel.transport());
        session.send(new Welcome(
                session.id(),
                context.clock().instant(),
                admission.epoch(),
                admission.lastSeq(),
                context.settings().heartbeatInterval().toSeconds(),
                context.settings().version(),
                context.settings().nodeId()));
        if (!ready) {
            // Connected while shutting down: it would never be told to leave otherwise.
            session.closeGracefully(shuttingDown());
        }
        return session;
    }

    /** Events queued in every session's outbox now: bounded by sessions x max_pending_messages. */
    public long queuedEvents() {
        long total = 0;
        for (StreamSession session : context.registry().all()) {
            total += session.queuedEvents();
        }
        return total;
    }

    /** Sessions open now. */
    public int sessionCount() {
        return context.registry().size();
    }

    @Override
    public void sendHeartbeats() {
        for (StreamSession session : context.registry().all()) {
            session.heartbeat();
        }
    }

    @Override
    public void closeIdleSessions() {
        long now = context.clock().millis();
        long timeout = context.settings().sessionTimeout().toMillis();
        for (StreamSession session : context.registry().all()) {
            if (!session.connectionOpen()) {
                // The socket is gone but its close was never reported: forget the session now.
                session.disconnected();
            } else if (session.idle(now, timeout)
                    && session.closeNow(
                            CloseCode.IDLE_TIMEOUT.closing("no activity for " + timeout / 1000 + " seconds"))) {
                // Counted once: a session still closing is idle at the next sweep too.
                context.statistics().idleClosed();
            }
        }
    }

    @Override
    public void closeExpiredSessions() {
        java.time.Instant now = context.clock().instant();
        for (StreamSession session : context.registry().all()) {
            if (session.accessExpired(now)) {
                session.closeNow(CloseCode.UNAUTHENTICATED.closing("token expired: authenticate again"));
            }
        }
    }

    @Override
    public void expireRetained() {
        context.view().expire();
    }

    @Override
    public void closeStalledSessions() {
        long now = context.clock().millis();
        long timeout = context.settings().writeTimeout().toMillis();
        for (StreamSession session : context.registry().all()) {
            context.statistics().queueDepth(session.queuedEvents());
            if (session.writeStalled(now, timeout)
                    && session.closeStuck(
                            CloseCode.SLOW_CONSUMER, "slow consumer: no write accepted for " + timeout + " ms")) {
                context.statistics().slowConsumerClosed(session.transport());
            }
        }
    }

    /**
     * The stream this node follows was lost (a new epoch) or left behind: every session is told
     * ({@code closing} 1012 {@code stream_reset}) and closed, so that it resumes, gets
     * {@code recovered: false} and takes a snapshot, rather than carrying on with a silent hole.
     * Runs on the dispatcher thread, after every event of the old stream.
     */
    public void streamReset() {
        long windowMillis = Math.max(1, context.settings().shutdownRetryWindow().toMillis());
        for (StreamSession session : context.registry().all()) {
            long retryAfter = ThreadLocalRandom.current().nextLong(windowMillis);
            session.closeGracefully(CloseCode.SERVICE_RESTART.closing("stream_reset", retryAfter));
        }
    }

    /** Randomised so that thousands of clients do not all reconnect at the same instant. */
    private Closing shuttingDown() {
        long windowMillis = Math.max(1, context.settings().shutdownRetryWindow().toMillis());
        long retryAfter = ThreadLocalRandom.current().nextLong(windowMillis);
        return CloseCode.GOING_AWAY.closing("server shutting down", retryAfter);
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public void shutdown(Duration deadline) {
        ready = false;
        admission.close();
        // Through the dispatcher, so that closing lands behind every event accepted before admission
        // closed: those were acknowledged to their publishers and must reach the sessions first.
        context.dispatcher().submit(() -> {
            for (StreamSession session : context.registry().all()) {
                session.closeGracefully(shuttingDown());
            }
        });
        try {
            context.registry().awaitEmpty(System.nanoTime() + deadline.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
