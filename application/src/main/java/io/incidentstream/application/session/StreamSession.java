package io.incidentstream.application.session;

import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.application.message.CloseCodes;
import io.incidentstream.application.message.Closing;
import io.incidentstream.application.message.ErrorCode;
import io.incidentstream.application.message.ErrorMessage;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.Gap;
import io.incidentstream.application.message.Pong;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.message.Subscribed;
import io.incidentstream.application.message.Unsubscribed;
import io.incidentstream.application.message.Refreshed;
import io.incidentstream.application.port.out.Access;
import io.incidentstream.application.port.in.AuthenticationUseCase;
import io.incidentstream.application.port.in.ClientSession;
import io.incidentstream.application.port.in.SubscribeCommand;
import io.incidentstream.application.port.out.ClientChannel;
import io.incidentstream.application.routing.EventSink;
import io.incidentstream.application.routing.Recipient;
import io.incidentstream.application.routing.Registration;
import io.incidentstream.domain.event.Priority;
import java.util.List;
import java.util.UUID;

/**
 * One client's session. Inbound calls arrive on the connection's thread; subscription changes are
 * handed to the dispatcher thread, which alone owns {@link #subscriptions} and the index, so that
 * a change lands at an exact point of the stream and needs no lock.
 */
final class StreamSession extends Recipient implements ClientSession, EventSink, OutboxListener {

    /** Per-recipient overhead of an event frame beyond the shared body: the subscription id list. */
    private static final int FRAME_OVERHEAD = 32;
    private static final java.lang.invoke.VarHandle GONE;

    static {
        try {
            GONE = java.lang.invoke.MethodHandles.lookup().findVarHandle(StreamSession.class, "gone", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String id;
    private final ClientChannel channel;
    private final SessionContext context;
    private final Outbox outbox;
    private final Subscriptions subscriptions = new Subscriptions();
    private final long openedAtMillis;
    /** Set once, by {@link #GONE}: a field and a VarHandle instead of an AtomicBoolean per session. */
    @SuppressWarnings("unused")
    private volatile boolean gone;
    private final RateLimiter rate;
    private volatile Access access;
    private volatile long lastActivityMillis;

    StreamSession(String id, ClientChannel channel, SessionContext context, Access access) {
        this.id = id;
        this.access = access;
        this.channel = channel;
        this.context = context;
        this.outbox = new Outbox(channel, this, context.outboxes());
        this.openedAtMillis = context.clock().millis();
        this.lastActivityMillis = openedAtMillis;
        this.rate = new RateLimiter(context.settings().maxMessagesPerSecond(),
                context.settings().rateLimitCloseAfter(), openedAtMillis);
    }

    @Override
    public String id() {
        return id;
    }

    void send(ServerMessage message) {
        outbox.offer(message);
    }

    @Override
    public void subscribe(SubscribeCommand command) {
        if (!allowInbound()) {
            return;
        }
        context.dispatcher().submit(() -> applySubscribe(command));
    }

    /**
     * On the dispatcher thread: the subscription goes live between two events. Refusals are sent
     * from here too, so that replies keep the order of the requests.
     */
    private void applySubscribe(SubscribeCommand command) {
        if (gone) {
            return;
        }
        int maxValues = context.settings().maxFilterValues();
        if (command.filter().largestListSize() > maxValues) {
            send(new ErrorMessage(ErrorCode.SUBSCRIPTION_LIMIT,
                    "a filter list may hold at most " + maxValues + " values", command.subscriptionId()));
            return;
        }
        Access current = access;
        if (current.forbids(command.filter())) {
            send(new ErrorMessage(ErrorCode.FORBIDDEN,
                    "the filter asks only for events outside what this token may see", command.subscriptionId()));
            return;
        }
        // Scope is an access boundary: live events, replays and snapshots all go through the narrowed filter.
        command = new SubscribeCommand(command.subscriptionId(), current.narrow(command.filter()), command.since(),
                command.epoch(), command.snapshot());
        Registration existing = subscriptions.get(command.subscriptionId());
        int max = context.settings().maxSubscriptionsPerSession();
        if (existing == null && subscriptions.size() >= max) {
            send(new ErrorMessage(ErrorCode.SUBSCRIPTION_LIMIT,
                    "a session may hold at most " + max + " subscriptions", command.subscriptionId()));
            return;
        }
        if (existing != null) {
            context.index().remove(existing);
        } else {
            context.statistics().subscriptionAdded();
        }
        LiveStart start = LiveStart.plan(command, context, current.seesIncidents());
        Registration registration = new Registration(this, command.subscriptionId(),
                context.index().canonical(command.filter()), start.seq());
        context.index().add(registration);
        subscriptions.put(command.subscriptionId(), registration);
        send(new Subscribed(command.subscriptionId(), command.filter(), start.seq(), start.recovered(),
                start.replayed()));
        if (start.owed() != null) {
            // Live events for this subscription queue behind what it is owed, so they come after it.
            outbox.offerSource(start.owed());
        }
    }

    @Override
    public void unsubscribe(String subscriptionId) {
        if (!allowInbound()) {
            return;
        }
        context.dispatcher().submit(() -> {
            if (gone) {
                return;
            }
            Registration removed = subscriptions.remove(subscriptionId);
            if (removed == null) {
                send(new ErrorMessage(ErrorCode.NOT_FOUND, "no subscription '" + subscriptionId + "'",
                        subscriptionId));
                return;
            }
            context.index().remove(removed);
            context.statistics().subscriptionRemoved();
            send(new Unsubscribed(subscriptionId));
        });
    }

    @Override
    public void ping(Object timestamp) {
        if (!allowInbound()) {
            return;
        }
        send(new Pong(timestamp != null ? timestamp : context.clock().instant()));
    }

    @Override
    public void refresh(AuthenticationUseCase.SubscriberCheck check) {
        if (!allowInbound()) {
            return;
        }
        if (check instanceof AuthenticationUseCase.Granted granted) {
            if (granted.access().subject().equals(access.subject())) {
                Access previous = access;
                access = granted.access();
                if (!java.util.Objects.equals(previous.scope(), granted.access().scope())) {
                    context.dispatcher().submit(() -> renarrow(granted.access()));
                }
                send(new Refreshed(granted.access().expiresAt()));
                return;
            }
            send(new ErrorMessage(ErrorCode.FORBIDDEN, "the new token is for another subject"));
        } else if (check instanceof AuthenticationUseCase.Rejected rejected) {
            send(new ErrorMessage(ErrorCode.FORBIDDEN, "token rejected: " + rejected.reason()));
        } else {
            send(new ErrorMessage(ErrorCode.INVALID_MESSAGE, "refresh needs a token"));
        }
    }

    /** On the dispatcher thread: a token with another scope applies to the subscriptions already made too. */
    private void renarrow(Access updated) {
        if (gone) {
            return;
        }
        for (Registration old : subscriptions.all()) {
            Registration narrowed = new Registration(this, old.subscriptionId(),
                    context.index().canonical(updated.narrow(old.filter().withoutScope())), old.liveAfterSeq());
            context.index().remove(old);
            context.index().add(narrowed);
            subscriptions.put(old.subscriptionId(), narrowed);
        }
    }

    boolean accessExpired(java.time.Instant now) {
        return access.expiredAt(now);
    }

    @Override
    public void watch(UUID incidentId, String name) {
        if (!allowInbound()) {
            return;
        }
        context.presence().watch(id, access, name, incidentId, this::send);
        if (gone) {
            // Closed while the watch was being recorded: the close's clean-up may have run before it.
            context.presence().sessionClosed(id);
        }
    }

    @Override
    public void unwatch(UUID incidentId) {
        if (!allowInbound()) {
            return;
        }
        send(context.presence().unwatch(id, access, incidentId));
    }

    @Override
    public void ack(UUID messageId) {
        allowInbound();
    }

    @Override
    public void reject(ErrorCode code, String message) {
        if (!allowInbound()) {
            return;
        }
        send(new ErrorMessage(code, message));
    }

    @Override
    public void activity() {
        lastActivityMillis = context.clock().millis();
    }

    @Override
    public void heartbeatAnswered() {
        activity();
        context.statistics().heartbeatAnswered();
    }

    /**
     * Every inbound message is activity and is counted; beyond the session's rate it is refused,
     * with at most one {@code RATE_LIMITED} a second, and sustained excess closes the session (4029).
     */
    private boolean allowInbound() {
        activity();
        context.statistics().messageReceived();
        RateLimiter.Verdict verdict = rate.check(context.clock().millis());
        if (verdict == RateLimiter.Verdict.ALLOW) {
            return true;
        }
        context.statistics().rateLimited();
        if (verdict == RateLimiter.Verdict.REFUSE_AND_NOTIFY) {
            send(new ErrorMessage(ErrorCode.RATE_LIMITED, "more than " + context.settings().maxMessagesPerSecond()
                    + " messages per second: messages are being dropped; slow down"));
        } else if (verdict == RateLimiter.Verdict.CLOSE) {
            context.statistics().abuseClosed();
            closeNow(new Closing("too many messages for " + context.settings().rateLimitCloseAfter()
                    + " seconds in a row", CloseCodes.TOO_MANY_MESSAGES, true,
                    backOffMillis()));
        }
        return false;
    }

    /** A randomised back-off for a 4029: the length of the abuse, up to twice that. */
    private long backOffMillis() {
        long base = context.settings().rateLimitCloseAfter() * 1000L;
        return base + java.util.concurrent.ThreadLocalRandom.current().nextLong(base + 1);
    }

    /**
     * Whether no inbound frame arrived for {@code timeoutMillis}; never, on a transport whose client
     * cannot send anything.
     */
    boolean idle(long nowMillis, long timeoutMillis) {
        return channel.clientSends() && nowMillis - lastActivityMillis >= timeoutMillis;
    }

    /** Whether the socket has accepted no write for {@code timeoutMillis}. */
    boolean writeStalled(long nowMillis, long timeoutMillis) {
        return outbox.writeStalled(nowMillis, timeoutMillis);
    }

    boolean connectionOpen() {
        return channel.isOpen();
    }

    /**
     * The transport's own keep-alive (a WebSocket ping, for clients that answer pings), and a
     * {@code pong} message behind whatever is queued, for browsers that cannot see pings; a transport
     * may frame that message its own way (Server-Sent Events: a comment).
     */
    void heartbeat() {
        channel.ping();
        send(new Pong(context.clock().instant()));
    }

    long lastActivityMillis() {
        return lastActivityMillis;
    }

    int queuedEvents() {
        return outbox.queuedEvents();
    }

    @Override
    public void transportError() {
        context.statistics().connectionError();
    }

    @Override
    public void disconnected() {
        if (!GONE.compareAndSet(this, false, true)) {
            return;
        }
        outbox.discard();
        context.presence().sessionClosed(id);
        context.registry().remove(this);
        context.statistics().sessionClosed(channel.transport(), (context.clock().millis() - openedAtMillis) / 1000.0);
        context.dispatcher().submit(() -> {
            for (Registration registration : subscriptions.all()) {
                context.index().remove(registration);
                context.statistics().subscriptionRemoved();
            }
            subscriptions.clear();
        });
    }

    /** Sends what is queued, then {@code closing}, then closes: the graceful way out. */
    void closeGracefully(Closing closing) {
        outbox.closeAfterDrain(closing, closing.code(), closing.reason());
    }

    /** Gives up on the queue: {@code closing} goes out right after the write in flight, then the close. */
    void closeNow(Closing closing) {
        outbox.abandon(closing, closing.code(), closing.reason());
    }

    String transport() {
        return channel.transport();
    }

    /** The socket accepts no write: close at once, without {@code closing}, which could not reach the client. */
    void closeStuck(int code, String reason) {
        outbox.closeStuck(code, reason);
    }

    // EventSink: on the dispatcher thread.

    @Override
    public void deliver(AdmittedEvent event, List<String> subscriptionIds) {
        int bytes = event.encoded(context.encoder()).sizeInBytes() + FRAME_OVERHEAD;
        outbox.offerEvent(new EventMessage(event, subscriptionIds), bytes);
    }

    /** Presence: only for a token that may see incidents at all; the router already applied the scope's keys. */
    @Override
    public boolean notice(ServerMessage message) {
        if (gone || !access.seesIncidents()) {
            return false;
        }
        outbox.offer(message);
        return true;
    }

    // OutboxListener: on whichever thread completed the write.

    @Override
    public void written(ServerMessage message) {
        context.statistics().messageSent();
        if (message instanceof Gap) {
            context.statistics().gapSent();
        }
        if (message instanceof EventMessage event) {
            // A replay's age is the client's absence, not our delivery latency.
            context.statistics().eventDelivered(channel.transport(),
                    event.replayed() ? -1 : System.nanoTime() - event.event().admittedNanos());
        }
    }

    @Override
    public void writeFailed(Throwable cause) {
        context.statistics().sendFailed();
        channel.close(CloseCodes.INTERNAL_ERROR, "write failed");
    }

    @Override
    public void dropped(Priority priority) {
        context.statistics().eventDropped(priority);
    }

    @Override
    public void overwhelmed(String why) {
        context.statistics().slowConsumerClosed(channel.transport());
        closeNow(new Closing(why, CloseCodes.SLOW_CONSUMER, true, null));
    }
}
