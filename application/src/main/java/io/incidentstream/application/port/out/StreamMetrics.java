package io.incidentstream.application.port.out;

import io.incidentstream.domain.event.EventType;

/**
 * What the stream reports as it works; the metrics adapter turns it into meters. Every method is
 * called by the code doing what it counts, and must be cheap and non-blocking.
 */
public interface StreamMetrics {

    /** A session opened on {@code transport} ({@code ws}, {@code sse}). */
    void sessionOpened(String transport);

    void sessionClosed(String transport, double lifetimeSeconds);

    void subscriptionAdded();

    void subscriptionRemoved();

    void messageReceived();

    void messageSent();

    void sendFailed();

    void connectionError();

    void eventBroadcast(EventType type);

    /** An event was written to a session; the latency is -1 for a replayed event, whose age is no latency. */
    void eventDelivered(String transport, long publishToWrittenNanos);

    /** An event of this priority gave way in a full session queue (the client is sent a gap). */
    void eventDropped(io.incidentstream.domain.event.Priority priority);

    /** A session was closed because it could not keep up (4008). */
    void slowConsumerClosed(String transport);

    /** A {@code gap} frame was sent to a session. */
    void gapSent();

    /** A session was closed for having no inbound activity (4000). */
    void idleClosed();

    /** An inbound message was refused for exceeding the session's rate (RATE_LIMITED). */
    void rateLimited();

    /** A session was closed for sustained excess (4029). */
    void abuseClosed();

    /**
     * A subscriber's connection was refused before its session began; {@code reason} is the refusal's
     * code, e.g. {@code server_full}, and {@code transport} the endpoint it asked ({@code ws}, a WebSocket
     * upgrade, or {@code sse}, an event stream).
     */
    void upgradeRefused(String reason, String transport);

    /** A publish was refused before anything was assigned; {@code reason} e.g. {@code overloaded}. */
    void publishRejected(String reason);

    /** One sample of one session's queue depth (events), taken periodically for every session. */
    void queueDepth(int events);

    /** Metrics that go nowhere, for tests and embedding without a registry. */
    StreamMetrics NONE = new StreamMetrics() {
        @Override
        public void sessionOpened(String transport) {}

        @Override
        public void sessionClosed(String transport, double lifetimeSeconds) {}

        @Override
        public void subscriptionAdded() {}

        @Override
        public void subscriptionRemoved() {}

        @Override
        public void messageReceived() {}

        @Override
        public void messageSent() {}

        @Override
        public void sendFailed() {}

        @Override
        public void connectionError() {}

        @Override
        public void eventBroadcast(EventType type) {}

        @Override
        public void eventDelivered(String transport, long publishToWrittenNanos) {}

        @Override
        public void eventDropped(io.incidentstream.domain.event.Priority priority) {}

        @Override
        public void slowConsumerClosed(String transport) {}

        @Override
        public void gapSent() {}

        @Override
        public void idleClosed() {}

        @Override
        public void rateLimited() {}

        @Override
        public void abuseClosed() {}

        @Override
        public void upgradeRefused(String reason, String transport) {}

        @Override
        public void publishRejected(String reason) {}

        @Override
        public void queueDepth(int events) {}
    };
}
