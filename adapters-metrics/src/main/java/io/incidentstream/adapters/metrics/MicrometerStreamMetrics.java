package io.incidentstream.adapters.metrics;

import io.incidentstream.application.port.out.StreamMetrics;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.event.Priority;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The stream's metrics port as Micrometer meters; names follow PROTOCOL.md section 6 once Prometheus suffixes them. */
public final class MicrometerStreamMetrics implements StreamMetrics {

    // Sessions last from seconds (a probe) to a working day (a dashboard left open).
    static final Duration[] SESSION_BUCKETS = {
        Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30),
        Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30),
        Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(24),
    };

    // Delivery is usually sub-millisecond; the top buckets are there to show a stalled writer.
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
        Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5),
        Duration.ofSeconds(10),
    };

    private final AtomicLong activeConnections = new AtomicLong();
    private final AtomicLong activeSubscriptions = new AtomicLong();
    private final Counter connections;
    private final Counter messagesSent;
    private final Counter messagesReceived;
    private final Counter eventsDelivered;
    private final Counter connectionErrors;
    private final Counter sendErrors;
    private final Counter slowConsumerCloses;
    private final Counter gaps;
    private final Counter idleCloses;
    private final Counter rateLimited;
    private final Counter abuseCloses;
    private final Registry registry;
    private final DistributionSummary queueDepth;
    // One counter per enum value, made up front: the hot path does an array lookup instead of a
    // registry lookup, and every series is scraped as 0 before its first event so rates work.
    private final Map<EventType, Counter> eventsBroadcast = new EnumMap<>(EventType.class);
    private final Map<Priority, Counter> eventsDropped = new EnumMap<>(Priority.class);
    private final Timer sessionDuration;
    private final Timer messageLatency;

    public MicrometerStreamMetrics(MeterRegistry registry) {
        // Strong references: Micrometer holds gauge state weakly by default, and these fields
        // must outlive any caller that forgets to keep this object.
        Gauge.builder("websocket.active.connections", activeConnections, AtomicLong::get)
            .description("Open WebSocket sessions").strongReference(true).register(registry);
        Gauge.builder("websocket.active.subscriptions", activeSubscriptions, AtomicLong::get)
            .description("Subscriptions held by open sessions").strongReference(true).register(registry);
        connections = counter(registry, "websocket.connections", "WebSocket sessions opened");
        messagesSent = counter(registry, "websocket.messages.sent", "Frames written to clients");
        messagesReceived = counter(registry, "websocket.messages.received", "Frames read from clients");
        eventsDelivered = counter(registry, "websocket.events.delivered", "Events written to a subscriber");
        connectionErrors = counter(registry, "websocket.connection.errors", "Sessions ended by a transport error");
        sendErrors = counter(registry, "websocket.send.errors", "Frame writes that failed");
        slowConsumerCloses = counter(registry, "websocket.slow.consumer.closes", "Sessions closed with 4008");
        gaps = counter(registry, "websocket.gaps", "Gap frames sent to sessions that fell behind");
        idleCloses = counter(registry, "websocket.idle.closes", "Sessions closed for inactivity (4000)");
        rateLimited = counter(registry, "websocket.rate.limited.messages", "Inbound messages refused as RATE_LIMITED");
        abuseCloses = counter(registry, "websocket.rate.limit.closes", "Sessions closed for sustained excess (4029)");
        this.registry = new Registry(registry);
        // Sampled for every session at each stalled-write sweep: the shape shows who is falling behind.
        queueDepth = DistributionSummary.builder("websocket.queue.depth").description("Events queued per session")
            .baseUnit("events").serviceLevelObjectives(1, 10, 100, 500, 1000, 5000).register(registry);
        for (EventType type : EventType.values()) {
            eventsBroadcast.put(type, Counter.builder("websocket.events.broadcast")
                .description("Events published to the hub").tag("event_type", type.wire()).register(registry));
        }
        for (Priority priority : Priority.values()) {
            eventsDropped.put(priority, Counter.builder("websocket.events.dropped")
                .description("Events dropped from a full session queue").tag("priority", priority.wire())
                .register(registry));
        }
        sessionDuration = Timer.builder("websocket.session.duration").description("Lifetime of closed sessions")
            .serviceLevelObjectives(SESSION_BUCKETS).register(registry);
        messageLatency = Timer.builder("websocket.message.latency").description("Publish to written, per delivery")
            .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
    }

    private static Counter counter(MeterRegistry registry, String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    @Override public void sessionOpened() {
        connections.increment();
        activeConnections.incrementAndGet();
    }

    @Override public void sessionClosed(double lifetimeSeconds) {
        activeConnections.decrementAndGet();
        sessionDuration.record(Math.round(lifetimeSeconds * 1e9), TimeUnit.NANOSECONDS);
    }

    @Override public void subscriptionAdded() { activeSubscriptions.incrementAndGet(); }

    @Override public void subscriptionRemoved() { activeSubscriptions.decrementAndGet(); }

    @Override public void messageReceived() { messagesReceived.increment(); }

    @Override public void messageSent() { messagesSent.increment(); }

    @Override public void sendFailed() { sendErrors.increment(); }

    @Override public void connectionError() { connectionErrors.increment(); }

    @Override public void eventBroadcast(EventType type) { eventsBroadcast.get(type).increment(); }

    @Override public void eventDelivered(long publishToWrittenNanos) {
        eventsDelivered.increment();
        if (publishToWrittenNanos >= 0) {
            messageLatency.record(publishToWrittenNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override public void eventDropped(Priority priority) { eventsDropped.get(priority).increment(); }

    @Override public void slowConsumerClosed() { slowConsumerCloses.increment(); }

    @Override public void gapSent() { gaps.increment(); }

    @Override public void idleClosed() { idleCloses.increment(); }

    @Override public void rateLimited() { rateLimited.increment(); }

    @Override public void abuseClosed() { abuseCloses.increment(); }

    @Override public void upgradeRefused(String reason) {
        registry.counter("websocket.upgrades.refused", "WebSocket upgrades refused", "reason", reason).increment();
    }

    @Override public void publishRejected(String reason) {
        registry.counter("websocket.publish.rejected", "Publishes refused before admission", "reason", reason)
            .increment();
    }

    @Override public void queueDepth(int events) { queueDepth.record(events); }

    /** Counters whose tag values are only known at run time; rare events, so a registry lookup is fine. */
    private record Registry(MeterRegistry meters) {
        Counter counter(String name, String description, String tag, String value) {
            return Counter.builder(name).description(description).tag(tag, value).register(meters);
        }
    }
}
