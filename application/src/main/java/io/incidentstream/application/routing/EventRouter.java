package io.incidentstream.application.routing;

import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.domain.filter.EventAttributes;
import io.incidentstream.domain.filter.Subject;
import java.util.ArrayList;

/**
 * Finds the sessions an event is for: checks each candidate subscription from the index once, and
 * hands the event to each matching session once, with all of that session's matching subscription
 * ids. Not thread-safe: only the dispatcher thread routes.
 */
public final class EventRouter implements SubscriptionIndex.Visitor {

    private final SubscriptionIndex index;
    private final ArrayList<Recipient> touched = new ArrayList<>();
    private long stamp;
    private EventAttributes current;
    private long currentSeq;
    /** Set while routing a notice about a subject rather than an event. */
    private Subject currentSubject;

    public EventRouter(SubscriptionIndex index) {
        this.index = index;
    }

    /** Routes one event; returns the number of sessions it was handed to. */
    public int route(AdmittedEvent event) {
        stamp++;
        current = event.attributes();
        currentSeq = event.seq();
        index.visitCandidates(current, this);
        int recipients = touched.size();
        for (int i = 0; i < recipients; i++) {
            Recipient recipient = touched.get(i);
            recipient.sink.deliver(event, recipient.matchedIds());
        }
        touched.clear();
        current = null;
        return recipients;
    }

    /**
     * Hands {@code message} once to every session with a subscription whose filter (scope
     * included) matches {@code subject} on every key but {@code event_types}, as a snapshot would
     * select it. Sessions whose subscriptions cannot match are never looked at. Returns the number
     * of sessions that took it.
     */
    public int routeNotice(Subject subject, ServerMessage message) {
        stamp++;
        currentSubject = subject;
        index.visitSubjectCandidates(subject, this);
        int taken = 0;
        for (int i = 0; i < touched.size(); i++) {
            if (touched.get(i).sink.notice(message)) {
                taken++;
            }
        }
        touched.clear();
        currentSubject = null;
        return taken;
    }

    @Override
    public void visit(Registration registration) {
        if (registration.stamp == stamp) {
            return;
        }
        registration.stamp = stamp;
        if (currentSubject != null) {
            visitForNotice(registration);
            return;
        }
        // An event admitted before the subscription went live, but dispatched after, is not for it.
        if (currentSeq <= registration.liveAfterSeq || !registration.filter.matches(current)) {
            return;
        }
        Recipient recipient = registration.recipient;
        if (recipient.stamp != stamp) {
            recipient.stamp = stamp;
            recipient.startMatching(registration);
            touched.add(recipient);
        } else {
            recipient.alsoMatched(registration);
        }
    }

    private void visitForNotice(Registration registration) {
        Recipient recipient = registration.recipient;
        if (recipient.stamp != stamp && registration.filter.matches(currentSubject)) {
            recipient.stamp = stamp;
            touched.add(recipient);
        }
    }
}
