package io.incidentstream.application.fakes;

import io.incidentstream.application.port.out.StreamMetrics;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.event.Priority;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every call to the metrics port by method name, and, for calls that carry a reason, a
 * priority or a type, also under {@code "method:value"} (e.g. {@code "upgradeRefused:server_full"},
 * {@code "eventDropped:low"}). Keeps every queue-depth sample. Thread-safe.
 */
public final class RecordingMetrics implements StreamMetrics {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final List<Integer> queueDepths = new CopyOnWriteArrayList<>();

    /** How many times {@code call} (a method name, or {@code "method:value"}) was made. */
    public long count(String call) {
        LongAdder adder = calls.get(call);
        return adder == null ? 0 : adder.sum();
    }

    /** Every {@link #queueDepth} sample, in the order taken. */
    public List<Integer> queueDepths() {
        return List.copyOf(queueDepths);
    }

    private void record(String call) {
        calls.computeIfAbsent(call, key -> new LongAdder()).increment();
    }

    private void record(String call, String value) {
        record(call);
        record(call + ":" + value);
    }

    @Override
    public void sessionOpened(String transport) {
        record("sessionOpened", transport);
    }

    @Override
    public void sessionClosed(String transport, double lifetimeSeconds) {
        record("sessionClosed", transport);
    }

    @Override
    public void subscriptionAdded() {
        record("subscriptionAdded");
    }

    @Override
    public void subscriptionRemoved() {
        record("subscriptionRemoved");
    }

    @Override
    public void messageReceived() {
        record("messageReceived");
    }

    @Override
    public void messageSent() {
        record("messageSent");
    }

    @Override
    public void sendFailed() {
        record("sendFailed");
    }

    @Override
    public void connectionError() {
        record("connectionError");
    }

    @Override
    public void eventBroadcast(EventType type) {
        record("eventBroadcast", type.wire());
    }

    @Override
    public void eventDelivered(String transport, long publishToWrittenNanos) {
        record("eventDelivered", transport);
        if (publishToWrittenNanos >= 0) {
            // Timed: it counts in the latency histogram (a replay does not).
            record("eventDeliveredTimed", transport);
        }
    }

    @Override
    public void eventDropped(Priority priority) {
        record("eventDropped", priority.wire());
    }

    @Override
    public void slowConsumerClosed(String transport) {
        record("slowConsumerClosed", transport);
    }

    @Override
    public void gapSent() {
        record("gapSent");
    }

    @Override
    public void idleClosed() {
        record("idleClosed");
    }

    @Override
    public void rateLimited() {
        record("rateLimited");
    }

    @Override
    public void abuseClosed() {
        record("abuseClosed");
    }

    @Override
    public void upgradeRefused(String reason, String transport) {
        record("upgradeRefused", reason);
        record("upgradeRefused:" + reason + ":" + transport);
    }

    @Override
    public void publishRejected(String reason) {
        record("publishRejected", reason);
    }

    @Override
    public void queueDepth(int events) {
        record("queueDepth");
        queueDepths.add(events);
    }
}
