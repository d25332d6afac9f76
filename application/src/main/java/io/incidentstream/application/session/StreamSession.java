package io.incidentstream.application.session;

import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.message.Closing;
import io.incidentstream.application.message.ErrorCode;
import io.incidentstream.application.message.ErrorMessage;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.Gap;
import io.incidentstream.application.message.Pong;
import io.incidentstream.application.message.Refreshed;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.port.in.AuthenticationUseCase;
import io.incidentstream.application.port.in.ClientSession;
import io.incidentstream.application.port.in.SubscribeCommand;
import io.incidentstream.application.port.out.Access;
import io.incidentstream.application.port.out.ClientChannel;
import io.incidentstream.application.routing.EventSink;
import io.incidentstream.application.routing.Recipient;
import io.incidentstream.domain.event.Priority;
import java.util.List;
import java.util.UUID;

/**
 * One client's session, as the connection's thread and the writers see it: inbound messages (each
 * counted against the session's rate), its outbox, presence, liveness and the ways out.
 * Subscription changes are handed to the dispatcher thread as tasks of {@link SubscriptionChanges},
 * so that a change lands at an exact point of the stream and needs no lock. It is also the router's
 * {@link Recipient} and {@link EventSink} (one object less per connection than a separate one).
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
    /** The subscriptions, changed on the dispatcher thread only. */
    private final SubscriptionChanges changes;

    private final long openedAtMillis;
    /** Set once, by {@link #GONE}: a field and a VarHandle instead of an AtomicBoolean per session. */
    private volatile boolean gone;

    private final RateLimiter rate;
    private volatile Access access;
    private volatile long lastActivityMillis;

    StreamSession(String id, ClientChannel channel, SessionContext context, Access access) {
        this.id = id;
        this.access = access;
        this.channel = channel;
        this.context = context;
        this.outbox = new Outbox(channel, this, context.outboxSettings());
        this.changes = new SubscriptionChanges(this, context);
        this.openedAtMillis = context.clock().millis();
        this.lastActivityMillis = openedAtMillis;
        this.rate = new RateLimiter(
                context.settings().maxMessagesPerSecond(), context.settings().rateLimitCloseAfter(), openedAtMillis);
    }

    @Override
    public String id() {
        return id;
    }

    void send(ServerMessage message) {
        outbox.offer(message);
    }

    /** Whether the client is gone: changes still queued on the dispatcher are then dropped. */
    boolean gone() {
        return gone;
    }

    /** The access of the latest accepted token. */
    Access access() {
        return access;
    }

    /** Queues what a new subscription is owed, ahead of its live events. */
    void sendOwed(Outbox.Source owed) {
        outbox.offerSource(owed);
    }

    @Override
    public boolean subscribeMayWait(SubscribeCommand command) {
        return command.resuming() && context.admission().mayAskEngineAbout(command.epoch(), command.since());
    }

    @Override
    public void subscribe(SubscribeCommand command) {
        subscribe(command, true);
    }

    @Override
    public void subscribeWithoutWaiting(SubscribeCommand command) {
        subscribe(command, false);
    }

    private void subscribe(SubscribeCommand command, boolean mayAskEngine) {
        if (!allowInbound()) {
            return;
        }
        // Asked here, on the caller's thread, not the dispatcher's: it may be a round trip to the engine.
        boolean sinceAhead = mayAskEngine
                && command.resuming()
                && context.admission().aheadOfThisNode(command.epoch(), command.since());
        context.dispatcher().submit(() -> changes.subscribe(command, sinceAhead));
    }

    @Override
    public void unsubscribe(String subscriptionId) {
        if (!allowInbound()) {
            return;
        }
        context.dispatcher().submit(() -> changes.unsubscribe(subscriptionId));
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
                    context.dispatcher().submit(() -> changes.renarrow(granted.access()));
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
    public void reject(ErrorCode code, String message, String subscriptionId) {
        if (!allowInbound()) {
            return;
        }
        send(new ErrorMessage(code, message, subscriptionId));
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
            send(new ErrorMessage(
                    ErrorCode.RATE_LIMITED,
                    "more than " + context.settings().maxMessagesPerSecond()
                            + " messages per second: messages are being dropped; slow down"));
        } else if (verdict == RateLimiter.Verdict.CLOSE) {
            context.statistics().abuseClosed();
            closeNow(CloseCode.TOO_MANY_MESSAGES.closing(
                    "too many messages for " + context.settings().rateLimitCloseAfter() + " seconds in a row",
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
        context.dispatcher().submit(changes::removeAll);
    }

    /** Sends what is queued, then {@code closing}, then closes: the graceful way out. */
    void closeGracefully(Closing closing) {
        outbox.close(closing, Outbox.Queued.SEND);
    }

    /**
     * Gives up on the queue: {@code closing} goes out right after the write in flight, then the
     * close. False when the session was already closing.
     */
    boolean closeNow(Closing closing) {
        return outbox.close(closing, Outbox.Queued.DROP);
    }

    String transport() {
        return channel.transport();
    }

    /**
     * The socket accepts no write: close at once, without {@code closing}, which could not reach the
     * client. False when the session was already closing with the same code.
     */
    boolean closeStuck(CloseCode code, String reason) {
        return outbox.closeStuck(code, reason);
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
            context.statistics()
                    .eventDelivered(
                            channel.transport(),
                            event.replayed()
                                    ? -1
                                    : System.nanoTime() - event.event().admittedNanos());
        }
    }

    @Override
    public void writeFailed(Throwable cause) {
        if (!gone) {
            // Not once the transport reported the client gone: that write could not have succeeded.
            context.statistics().sendFailed();
        }
        channel.close(CloseCode.INTERNAL_ERROR, "write failed");
    }

    @Override
    public void dropped(Priority priority) {
        context.statistics().eventDropped(priority);
    }

    @Override
    public void overwhelmed(String why) {
        // Counted here, once: its farewell may then stick behind the same write, and the
        // stalled-write sweep close it again with the same code, uncounted.
        if (closeNow(CloseCode.SLOW_CONSUMER.closing(why))) {
            context.statistics().slowConsumerClosed(channel.transport());
        }
    }
}
