package io.incidentstream.application.port.out;

import io.incidentstream.domain.event.EventType;

/**
 * What the stream reports as it works; the metrics adapter turns it into meters. Every method is
 * called by the code doing what it counts, and must be cheap and non-blocking.
 */
public interface StreamMetrics {

    void sessionOpened();

    void sessionClosed(double lifetimeSeconds);

    void subscriptionAdded();

    void subscriptionRemoved();

    void messageReceived();

    void messageSent();

    void sendFailed();

    void connectionError();

    void eventBroadcast(EventType type);

    void eventDelivered(long publishToWrittenNanos);

    /** An event of this priority gave way in a full session queue (the client is sent a gap). */
    void eventDropped(io.incidentstream.domain.event.Priority priority);

    /** A session was closed because it could not keep up (4008). */
    void slowConsumerClosed();

    /** Metrics that go nowhere, for tests and embedding without a registry. */
    StreamMetrics NONE = new StreamMetrics() {
        @Override public void sessionOpened() { }
        @Override public void sessionClosed(double lifetimeSeconds) { }
        @Override public void subscriptionAdded() { }
        @Override public void subscriptionRemoved() { }
        @Override public void messageReceived() { }
        @Override public void messageSent() { }
        @Override public void sendFailed() { }
        @Override public void connectionError() { }
        @Override public void eventBroadcast(EventType type) { }
        @Override public void eventDelivered(long publishToWrittenNanos) { }
        @Override public void eventDropped(io.incidentstream.domain.event.Priority priority) { }
        @Override public void slowConsumerClosed() { }
    };
}
