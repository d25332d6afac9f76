package io.incidentstream.application.session;

import io.incidentstream.application.message.ErrorCode;
import io.incidentstream.application.message.ErrorMessage;
import io.incidentstream.application.message.Subscribed;
import io.incidentstream.application.message.Unsubscribed;
import io.incidentstream.application.port.in.SubscribeCommand;
import io.incidentstream.application.port.out.Access;
import io.incidentstream.application.routing.Registration;

/**
 * The part of one session that lives on the dispatcher thread: its subscriptions and every change
 * to them (subscribe, unsubscribe, renarrowing after a refresh, clean-up once the client is gone).
 * The dispatcher thread alone runs these and alone owns the index, so a change lands between two
 * events, at an exact seq, without a lock. The connection's thread only submits them
 * ({@link StreamSession}). Refusals are sent from here too, so that replies keep the order of the
 * requests.
 */
final class SubscriptionChanges {

    private final StreamSession session;
    private final SessionContext context;
    private final Subscriptions subscriptions = new Subscriptions();

    SubscriptionChanges(StreamSession session, SessionContext context) {
        this.session = session;
        this.context = context;
    }

    /**
     * The subscription goes live after the last seq admitted now (or after its {@code since}, when that
     * is ahead of this node: see {@link LiveStart}); what it is owed is queued first.
     */
    void subscribe(SubscribeCommand command, boolean sinceAhead) {
        if (session.gone()) {
            return;
        }
        int maxValues = context.settings().maxFilterValues();
        if (command.filter().largestListSize() > maxValues) {
            session.send(new ErrorMessage(
                    ErrorCode.SUBSCRIPTION_LIMIT,
                    "a filter list may hold at most " + maxValues + " values",
                    command.subscriptionId()));
            return;
        }
        // Read here, not when the request arrived: a refresh queued before this change applies to it.
        Access current = session.access();
        if (current.forbids(command.filter())) {
            session.send(new ErrorMessage(
                    ErrorCode.FORBIDDEN,
                    "the filter asks only for events outside what this token may see",
                    command.subscriptionId()));
            return;
        }
        // Scope is an access boundary: live events, replays and snapshots all go through the narrowed filter.
        command = new SubscribeCommand(
                command.subscriptionId(),
                current.narrow(command.filter()),
                command.since(),
                command.epoch(),
                command.snapshot());
        Registration existing = subscriptions.get(command.subscriptionId());
        int max = context.settings().maxSubscriptionsPerSession();
        if (existing == null && subscriptions.size() >= max) {
            session.send(new ErrorMessage(
                    ErrorCode.SUBSCRIPTION_LIMIT,
                    "a session may hold at most " + max + " subscriptions",
                    command.subscriptionId()));
            return;
        }
        if (existing != null) {
            context.index().remove(existing);
        } else {
            context.statistics().subscriptionAdded();
        }
        LiveStart start = LiveStart.plan(command, context, current.seesIncidents(), sinceAhead);
        Registration registration = new Registration(
                session, command.subscriptionId(), context.index().canonical(command.filter()), start.seq());
        context.index().add(registration);
        subscriptions.put(command.subscriptionId(), registration);
        session.send(new Subscribed(
                command.subscriptionId(), command.filter(), start.seq(), start.recovered(), start.replayed()));
        if (start.owed() != null) {
            // Live events for this subscription queue behind what it is owed, so they come after it.
            session.sendOwed(start.owed());
        }
    }

    void unsubscribe(String subscriptionId) {
        if (session.gone()) {
            return;
        }
        Registration removed = subscriptions.remove(subscriptionId);
        if (removed == null) {
            session.send(
                    new ErrorMessage(ErrorCode.NOT_FOUND, "no subscription '" + subscriptionId + "'", subscriptionId));
            return;
        }
        context.index().remove(removed);
        context.statistics().subscriptionRemoved();
        session.send(new Unsubscribed(subscriptionId));
    }

    /** A token with another scope applies to the subscriptions already made too, from the next event on. */
    void renarrow(Access updated) {
        if (session.gone()) {
            return;
        }
        for (Registration old : subscriptions.all()) {
            Registration narrowed = new Registration(
                    session,
                    old.subscriptionId(),
                    context.index().canonical(updated.narrow(old.filter().withoutScope())),
                    old.liveAfterSeq());
            context.index().remove(old);
            context.index().add(narrowed);
            subscriptions.put(old.subscriptionId(), narrowed);
        }
    }

    /** The client is gone: none of its subscriptions may receive another event. */
    void removeAll() {
        for (Registration registration : subscriptions.all()) {
            context.index().remove(registration);
            context.statistics().subscriptionRemoved();
        }
        subscriptions.clear();
    }
}
