package io.incidentstream.application.port.in;

import io.incidentstream.application.message.ErrorCode;
import java.util.UUID;

/** One connected client's use cases. Replies go out through the session's channel, never returned. */
public interface ClientSession {

    String id();

    /** Starts or replaces a subscription; replies {@code subscribed} or an error. */
    void subscribe(SubscribeCommand command);

    /**
     * Whether {@link #subscribe} of {@code command} may wait for the stream engine (a resume on a
     * cluster node, from a position this node has yet to read, asks it): then call it where a thread
     * may block; otherwise {@link #subscribeWithoutWaiting}, on any thread.
     */
    boolean subscribeMayWait(SubscribeCommand command);

    /**
     * {@link #subscribe}, never asking the engine, for a thread that serves other connections too,
     * once {@link #subscribeMayWait} said no: should the stream be reset in between, a resume is
     * answered as while the engine does not answer ({@code recovered: false}), not by waiting.
     */
    void subscribeWithoutWaiting(SubscribeCommand command);

    /** Removes a subscription; replies {@code unsubscribed} or {@code NOT_FOUND}. */
    void unsubscribe(String subscriptionId);

    /** Replies {@code pong}, echoing {@code timestamp} (a String or Number), or server time when null. */
    void ping(Object timestamp);

    /**
     * The client sent a fresh token before its current one expires: with the same subject, it
     * extends the session (replies {@code refreshed}); otherwise an error, and the session keeps
     * its old expiry. A new scope applies to every subscription: those made afterwards are narrowed
     * to it, and those already made are narrowed again, from the next event on.
     */
    void refresh(AuthenticationUseCase.SubscriberCheck check);

    /**
     * Starts watching an incident (presence); replies {@code watching} or an error.
     * {@code name} is the client's own claim of who it is, heeded only without authentication; may be null.
     */
    void watch(UUID incidentId, String name);

    /** Stops watching an incident; replies {@code watching} (also when it was not watched). */
    void unwatch(UUID incidentId);

    /** The client acknowledges an event; counts as activity. */
    void ack(UUID messageId);

    /** The client sent something the adapter could not accept; replies with an error and carries on. */
    default void reject(ErrorCode code, String message) {
        reject(code, message, null);
    }

    /**
     * As {@link #reject(ErrorCode, String)}, for a message about subscription {@code subscriptionId}
     * (a {@code subscribe} whose id could be read but not the rest): the error names it, so that the
     * client knows which subscription will not come.
     */
    void reject(ErrorCode code, String message, String subscriptionId);

    /** Any inbound frame, including WebSocket pings, keeps the session alive. */
    void activity();

    /** The client answered a heartbeat ping with a pong frame: activity, and counted. */
    void heartbeatAnswered();

    /** The transport reported an error (the close that follows ends the session). */
    void transportError();

    /** The connection is gone; forget the session. Safe to call more than once. */
    void disconnected();
}
