package io.incidentstream.adapters.metrics;

import io.incidentstream.application.port.out.StreamMetrics;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.event.Priority;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The stream's metrics port as Micrometer meters; names follow PROTOCOL.md section 6 once Prometheus suffixes them. */
public final class MicrometerStreamMetrics implements StreamMetrics {

    // Sessions last from seconds (a probe) to a working day (a dashboard left open).
    static final Duration[] SESSION_BUCKETS = {
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(15),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(5),
        Duration.ofMinutes(15),
        Duration.ofMinutes(30),
        Duration.ofHours(1),
        Duration.ofHours(2),
        Duration.ofHours(4),
        Duration.ofHours(8),
        Duration.ofHours(24),
    };

    // Delivery is usually sub-millisecond; the top buckets are there to show a stalled writer.
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofNanos(100_000),
        Duration.ofNanos(250_000),
        Duration.ofNanos(500_000),
        Duration.ofMillis(1),
        Duration.ofNanos(2_500_000),
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2_500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
    };

    /** The bucket bounds of {@code websocket_message_latency_seconds}, for a benchmark to record the same way. */
    public static Duration[] latencyBuckets() {
        return LATENCY_BUCKETS.clone();
    }

    /** The transports the server has, made up front so that each scrapes as 0 before its first session. */
    static final java.util.List<String> TRANSPORTS = java.util.List.of("ws", "sse");

    private final AtomicLong activeSubscriptions = new AtomicLong();
    /** Per transport: the meters a session's transport label selects (a map lookup of two entries). */
    private final Map<String, TransportMeters> transports = new java.util.concurrent.ConcurrentHashMap<>();

    private final MeterRegistry meters;
    // Moved on every frame and every delivery: a striped count of our own, read at each scrape, costs
    // a third of a Micrometer counter when writer threads count at once.
    private final LongAdder messagesSent = new LongAdder();
    private final Counter messagesReceived;
    private final Counter connectionErrors;
    private final Counter sendErrors;
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

    /** What is labelled by transport ({@code ws} or {@code sse}): connections, their lifetime, deliveries. */
    private record TransportMeters(
            AtomicLong active,
            Counter connections,
            Timer sessionDuration,
            LongAdder eventsDelivered,
            LatencyHistogram messageLatency,
            Counter slowConsumerCloses) {

        static TransportMeters register(MeterRegistry registry, String transport) {
            LongAdder delivered = new LongAdder();
            FunctionCounter.builder("websocket.events.delivered", delivered, LongAdder::sum)
                    .description("Events written to a subscriber")
                    .tag("transport", transport)
                    .register(registry);
            AtomicLong active = new AtomicLong();
            Gauge.builder("websocket.active.connections", active, AtomicLong::get)
                    .description("Open sessions, by transport")
                    .tag("transport", transport)
                    .strongReference(true)
                    .register(registry);
            return new TransportMeters(
                    active,
                    Counter.builder("websocket.connections")
                            .description("Sessions opened, by transport")
                            .tag("transport", transport)
                            .register(registry),
                    Timer.builder("websocket.session.duration")
                            .description("Lifetime of closed sessions")
                            .tag("transport", transport)
                            .serviceLevelObjectives(SESSION_BUCKETS)
                            .register(registry),
                    delivered,
                    // Scraped by the LatencyCollector registered with the stream's meters.
                    new LatencyHistogram(LATENCY_BUCKETS, System.nanoTime()),
                    Counter.builder("websocket.slow.consumer.closes")
                            .description("Sessions closed as slow consumers (4008)")
                            .tag("transport", transport)
                            .register(registry));
        }
    }

    /** @param nodeId when not null, the label {@code node_id} of the series not made by Micrometer */
    public MicrometerStreamMetrics(PrometheusMeterRegistry registry, String nodeId) {
        // Strong references: Micrometer holds gauge state weakly by default, and these fields
        // must outlive any caller that forgets to keep this object.
        Gauge.builder("websocket.active.subscriptions", activeSubscriptions, AtomicLong::get)
                .description("Subscriptions held by open sessions")
                .strongReference(true)
                .register(registry);
        FunctionCounter.builder("websocket.messages.sent", messagesSent, LongAdder::sum)
                .description("Frames written to clients")
                .register(registry);
        messagesReceived = counter(registry, "websocket.messages.received", "Frames read from clients");
        connectionErrors = counter(registry, "websocket.connection.errors", "Sessions ended by a transport error");
        sendErrors = counter(registry, "websocket.send.errors", "Frame writes that failed");
        gaps = counter(registry, "websocket.gaps", "Gap frames sent to sessions that fell behind");
        idleCloses = counter(registry, "websocket.idle.closes", "Sessions closed for inactivity (4000)");
        rateLimited = counter(registry, "websocket.rate.limited.messages", "Inbound messages refused as RATE_LIMITED");
        abuseCloses = counter(registry, "websocket.rate.limit.closes", "Sessions closed for sustained excess (4029)");
        this.registry = new Registry(registry);
        // Sampled for every session at each stalled-write sweep: the shape shows who is falling behind.
        queueDepth = DistributionSummary.builder("websocket.queue.depth")
                .description("Events queued per session")
                .baseUnit("events")
                .serviceLevelObjectives(1, 10, 100, 500, 1000, 5000)
                .register(registry);
        for (EventType type : EventType.values()) {
            eventsBroadcast.put(
                    type,
                    Counter.builder("websocket.events.broadcast")
                            .description("Events published to the hub")
                            .tag("event_type", type.wire())
                            .register(registry));
        }
        for (Priority priority : Priority.values()) {
            eventsDropped.put(
                    priority,
                    Counter.builder("websocket.events.dropped")
                            .description("Events dropped from a full session queue")
                            .tag("priority", priority.wire())
                            .register(registry));
        }
        this.meters = registry;
        for (String transport : TRANSPORTS) {
            transports.put(transport, TransportMeters.register(registry, transport));
        }
        registry.getPrometheusRegistry()
                .register(new LatencyCollector(
                        "websocket_message_latency_seconds",
                        "Publish to written, per delivery",
                        nodeId == null ? Labels.EMPTY : Labels.of("node_id", nodeId),
                        this::latencyByTransport));
    }

    /** In the order of their names, as the scrape lists them. */
    private Map<String, LatencyHistogram> latencyByTransport() {
        Map<String, LatencyHistogram> latency = new java.util.TreeMap<>();
        transports.forEach((transport, meters) -> latency.put(transport, meters.messageLatency()));
        return latency;
    }

    private static Counter counter(MeterRegistry registry, String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    private TransportMeters transport(String name) {
        TransportMeters known = transports.get(name);
        return known != null ? known : transports.computeIfAbsent(name, n -> TransportMeters.register(meters, n));
    }

    @Override
    public void sessionOpened(String transport) {
        TransportMeters t = transport(transport);
        t.connections().increment();
        t.active().incrementAndGet();
    }

    @Override
    public void sessionClosed(String transport, double lifetimeSeconds) {
        TransportMeters t = transport(transport);
        t.active().decrementAndGet();
        t.sessionDuration().record(Math.round(lifetimeSeconds * 1e9), TimeUnit.NANOSECONDS);
    }

    @Override
    public void subscriptionAdded() {
        activeSubscriptions.incrementAndGet();
    }

    @Override
    public void subscriptionRemoved() {
        activeSubscriptions.decrementAndGet();
    }

    @Override
    public void messageReceived() {
        messagesReceived.increment();
    }

    @Override
    public void messageSent() {
        messagesSent.increment();
    }

    @Override
    public void sendFailed() {
        sendErrors.increment();
    }

    @Override
    public void connectionError() {
        connectionErrors.increment();
    }

    @Override
    public void eventBroadcast(EventType type) {
        eventsBroadcast.get(type).increment();
    }

    @Override
    public void eventDelivered(String transport, long publishToWrittenNanos) {
        TransportMeters t = transport(transport);
        t.eventsDelivered().increment();
        if (publishToWrittenNanos >= 0) {
            t.messageLatency().record(publishToWrittenNanos);
        }
    }

    @Override
    public void eventDropped(Priority priority) {
        eventsDropped.get(priority).increment();
    }

    @Override
    public void slowConsumerClosed(String transport) {
        transport(transport).slowConsumerCloses().increment();
    }

    @Override
    public void gapSent() {
        gaps.increment();
    }

    @Override
    public void idleClosed() {
        idleCloses.increment();
    }

    @Override
    public void rateLimited() {
        rateLimited.increment();
    }

    @Override
    public void abuseClosed() {
        abuseCloses.increment();
    }

    @Override
    public void upgradeRefused(String reason, String transport) {
        registry.counter(
                        "websocket.upgrades.refused",
                        "Subscriber connections refused before their session began",
                        "reason",
                        reason,
                        "transport",
                        transport)
                .increment();
    }

    @Override
    public void publishRejected(String reason) {
        registry.counter("websocket.publish.rejected", "Publishes refused before admission", "reason", reason)
                .increment();
    }

    @Override
    public void queueDepth(int events) {
        queueDepth.record(events);
    }

    /** Counters whose tag values are only known at run time; rare events, so a registry lookup is fine. */
    private record Registry(MeterRegistry meters) {
        Counter counter(String name, String description, String tag, String value) {
            return Counter.builder(name)
                    .description(description)
                    .tag(tag, value)
                    .register(meters);
        }

        Counter counter(String name, String description, String tag, String value, String tag2, String value2) {
            return Counter.builder(name)
                    .description(description)
                    .tag(tag, value)
                    .tag(tag2, value2)
                    .register(meters);
        }
    }
}
