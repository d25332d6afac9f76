package io.incidentstream.application.stats;

import io.incidentstream.application.port.in.Statistics;
import io.incidentstream.application.port.in.StatisticsQuery;
import io.incidentstream.application.port.out.StreamMetrics;
import io.incidentstream.domain.event.EventType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Counts what the stream does, for {@code /api/v1/stats}, and forwards each count to the metrics
 * port, so that each place in the code reports once and both views always agree.
 */
public final class StreamStatistics implements StreamMetrics, StatisticsQuery {

    private final StreamMetrics metrics;
    private final AtomicLong activeConnections = new AtomicLong();
    private final LongAdder totalConnections = new LongAdder();
    private final AtomicLong activeSubscriptions = new AtomicLong();
    private final LongAdder eventsBroadcast = new LongAdder();
    private final LongAdder eventsDelivered = new LongAdder();
    private final AtomicLongArray eventsByType = new AtomicLongArray(EventType.values().length);
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder messagesReceived = new LongAdder();
    private final LongAdder sendErrors = new LongAdder();
    private final LongAdder connectionErrors = new LongAdder();
    private final LongAdder heartbeatsAnswered = new LongAdder();
    private LongSupplier queuedEvents = () -> 0;
    private LongSupplier pendingDispatch = () -> 0;
    private Supplier<String> epoch = () -> "";
    private LongSupplier lastSeq = () -> 0;

    public StreamStatistics(StreamMetrics metrics) {
        this.metrics = metrics;
    }

    /** Where queue depths are read from, once sessions and the dispatcher exist. */
    public void queues(LongSupplier queuedEvents, LongSupplier pendingDispatch) {
        this.queuedEvents = queuedEvents;
        this.pendingDispatch = pendingDispatch;
    }

    /** Where the stream's position is read from, once admission exists. */
    public void position(Supplier<String> epoch, LongSupplier lastSeq) {
        this.epoch = epoch;
        this.lastSeq = lastSeq;
    }

    @Override
    public Statistics statistics() {
        Map<String, Long> byType = new LinkedHashMap<>();
        for (EventType type : EventType.values()) {
            byType.put(type.wire(), eventsByType.get(type.ordinal()));
        }
        return new Statistics(
                activeConnections.get(),
                totalConnections.sum(),
                activeSubscriptions.get(),
                eventsBroadcast.sum(),
                eventsDelivered.sum(),
                byType,
                messagesSent.sum(),
                messagesReceived.sum(),
                sendErrors.sum(),
                connectionErrors.sum(),
                heartbeatsAnswered.sum(),
                queuedEvents.getAsLong(),
                pendingDispatch.getAsLong(),
                epoch.get(),
                lastSeq.getAsLong());
    }

    @Override
    public void sessionOpened(String transport) {
        activeConnections.incrementAndGet();
        totalConnections.increment();
        metrics.sessionOpened(transport);
    }

    @Override
    public void sessionClosed(String transport, double lifetimeSeconds) {
        activeConnections.decrementAndGet();
        metrics.sessionClosed(transport, lifetimeSeconds);
    }

    @Override
    public void subscriptionAdded() {
        activeSubscriptions.incrementAndGet();
        metrics.subscriptionAdded();
    }

    @Override
    public void subscriptionRemoved() {
        activeSubscriptions.decrementAndGet();
        metrics.subscriptionRemoved();
    }

    @Override
    public void messageReceived() {
        messagesReceived.increment();
        metrics.messageReceived();
    }

    @Override
    public void messageSent() {
        messagesSent.increment();
        metrics.messageSent();
    }

    @Override
    public void sendFailed() {
        sendErrors.increment();
        metrics.sendFailed();
    }

    @Override
    public void connectionError() {
        connectionErrors.increment();
        metrics.connectionError();
    }

    @Override
    public void eventBroadcast(EventType type) {
        eventsBroadcast.increment();
        eventsByType.incrementAndGet(type.ordinal());
        metrics.eventBroadcast(type);
    }

    @Override
    public void eventDropped(io.incidentstream.domain.event.Priority priority) {
        metrics.eventDropped(priority);
    }

    @Override
    public void slowConsumerClosed(String transport) {
        metrics.slowConsumerClosed(transport);
    }

    /** Counted here only: an operator sees live clients in the connection counts already. */
    public void heartbeatAnswered() {
        heartbeatsAnswered.increment();
    }

    @Override
    public void gapSent() {
        metrics.gapSent();
    }

    @Override
    public void idleClosed() {
        metrics.idleClosed();
    }

    @Override
    public void rateLimited() {
        metrics.rateLimited();
    }

    @Override
    public void abuseClosed() {
        metrics.abuseClosed();
    }

    @Override
    public void upgradeRefused(String reason, String transport) {
        metrics.upgradeRefused(reason, transport);
    }

    @Override
    public void publishRejected(String reason) {
        metrics.publishRejected(reason);
    }

    @Override
    public void queueDepth(int events) {
        metrics.queueDepth(events);
    }

    @Override
    public void eventDelivered(String transport, long publishToWrittenNanos) {
        eventsDelivered.increment();
        metrics.eventDelivered(transport, publishToWrittenNanos);
    }
}
