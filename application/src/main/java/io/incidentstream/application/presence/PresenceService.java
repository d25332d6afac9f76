package io.incidentstream.application.presence;

import io.incidentstream.application.message.ErrorCode;
import io.incidentstream.application.message.ErrorMessage;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.message.Watcher;
import io.incidentstream.application.message.Watching;
import io.incidentstream.application.port.in.PresenceQuery;
import io.incidentstream.application.port.out.Access;
import io.incidentstream.application.port.out.PresenceStore;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.filter.Subject;
import io.incidentstream.domain.model.Incident;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Who is watching which incident: {@code watch} and {@code unwatch} from sessions, the end of a
 * session's watches when it closes, and the read API's question. A watch is allowed exactly where
 * the session could see the incident's events; changes are announced through
 * {@link PresenceAnnouncer}, rate-limited per incident.
 */
public final class PresenceService implements PresenceQuery {

    private final PresenceStore store;
    private final Function<UUID, Incident> incidents;
    private final Clock clock;
    private final int maxWatchesPerSession;
    private final PresenceAnnouncer announcer;
    /** This node's sessions and what each watches: for the limit, and to end them all on close. */
    private final Map<String, Set<UUID>> watchesBySession = new ConcurrentHashMap<>();

    private final AtomicLong messagesSent = new AtomicLong();

    /**
     * @param incidents the incident the server knows by id, or null
     * @param broadcast hands a presence message to the sessions it is for
     */
    public PresenceService(
            PresenceStore store,
            Function<UUID, Incident> incidents,
            Clock clock,
            PresenceSettings settings,
            ScheduledExecutorService timer,
            PresenceBroadcast broadcast) {
        this.store = store;
        this.incidents = incidents;
        this.clock = clock;
        this.maxWatchesPerSession = settings.maxWatchesPerSession();
        this.announcer = new PresenceAnnouncer(
                store, broadcast, timer, settings.updateInterval().toNanos(), System::nanoTime);
        store.onChangeElsewhere(announcer::changed);
    }

    /**
     * A session starts watching an incident: replies {@code watching}, or an error that says why not.
     *
     * @param unauthenticatedName the {@code name} the client gave; used only when {@code access} is not authenticated
     */
    public void watch(
            String sessionId,
            Access access,
            String unauthenticatedName,
            UUID incidentId,
            Consumer<ServerMessage> reply) {
        Incident incident = incidents.apply(incidentId);
        if (incident == null) {
            reply.accept(new ErrorMessage(ErrorCode.NOT_FOUND, "no incident with id " + incidentId));
            return;
        }
        if (!visible(incident, access)) {
            reply.accept(new ErrorMessage(
                    ErrorCode.FORBIDDEN, "incident " + incidentId + " is outside what this token may see"));
            return;
        }
        Set<UUID> mine = watchesBySession.computeIfAbsent(sessionId, id -> ConcurrentHashMap.newKeySet());
        // Only this session's own thread adds to its set, so checking then adding cannot overshoot.
        if (!mine.contains(incidentId) && mine.size() >= maxWatchesPerSession) {
            reply.accept(new ErrorMessage(
                    ErrorCode.SUBSCRIPTION_LIMIT,
                    "a session may watch at most " + maxWatchesPerSession + " incidents at once"));
            return;
        }
        mine.add(incidentId);
        boolean added = store.add(
                incidentId,
                sessionId,
                user(sessionId, access, unauthenticatedName),
                displayName(access, unauthenticatedName),
                // Milliseconds, as Redis keeps it for the other nodes: one watcher, one since, everywhere.
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        // The reply first, so that the watcher's own session hears "watching" before the presence it causes.
        reply.accept(new Watching(incidentId, store.watchers(incidentId)));
        if (added) {
            announcer.changed(incidentId);
        }
    }

    /**
     * A session stops watching an incident. Idempotent: always {@code watching}, with the watchers
     * left when the session may see the incident, and an empty list when it may not (or the
     * incident is gone), so that nothing leaks through an unwatch.
     */
    public ServerMessage unwatch(String sessionId, Access access, UUID incidentId) {
        Set<UUID> mine = watchesBySession.get(sessionId);
        if (mine != null && mine.remove(incidentId)) {
            leave(sessionId, incidentId);
        }
        Incident incident = incidents.apply(incidentId);
        boolean visible = incident != null && visible(incident, access);
        return new Watching(incidentId, visible ? store.watchers(incidentId) : List.of());
    }

    /** The session closed, normally or not: every watch of it ends. Safe to call more than once. */
    public void sessionClosed(String sessionId) {
        Set<UUID> mine = watchesBySession.remove(sessionId);
        if (mine != null) {
            for (UUID incidentId : mine) {
                leave(sessionId, incidentId);
            }
        }
    }

    private void leave(String sessionId, UUID incidentId) {
        if (store.remove(incidentId, sessionId)) {
            announcer.changed(incidentId);
        }
    }

    @Override
    public Optional<List<Watcher>> watchers(UUID incidentId, Access access) {
        Incident incident = incidents.apply(incidentId);
        if (incident == null || !visible(incident, access)) {
            return Optional.empty();
        }
        return Optional.of(store.watchers(incidentId));
    }

    /** Whether a session with this access could receive the incident's events (as the read API decides). */
    static boolean visible(Incident incident, Access access) {
        return access.seesIncidents() && access.narrow(Filter.all()).matches(Subject.of(incident));
    }

    /**
     * The watcher's identity: the token's subject when authenticated (a client cannot claim to be
     * someone else), else the name the client gave, else the session itself.
     */
    private static String user(String sessionId, Access access, String unauthenticatedName) {
        if (access.authenticated()) {
            return access.subject();
        }
        return unauthenticatedName != null ? unauthenticatedName : "anonymous:" + sessionId;
    }

    private static String displayName(Access access, String unauthenticatedName) {
        return access.authenticated() ? access.name() : unauthenticatedName;
    }

    /** Counts presence messages handed to sessions (each recipient counts once). */
    public void sent(int recipients) {
        messagesSent.addAndGet(recipients);
    }

    /** Presence messages handed to sessions since start. */
    public long messagesSent() {
        return messagesSent.get();
    }

    /** Incidents with at least one watcher. */
    public int watchedIncidents() {
        return store.watchedIncidents();
    }

    /** Watchers summed over incidents. */
    public int watchers() {
        return store.watchers();
    }
}
