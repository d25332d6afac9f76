package io.incidentstream.adapters.metrics;

import io.incidentstream.application.port.out.EngineMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stream engine's meters: Redis round trips per command as a histogram, errors per command,
 * reconnect attempts, this node's lag behind the stream's head, and the Redis client's own threads
 * (Lettuce runs Netty event loops beside the server's threads; they should be seen, not guessed).
 */
final class MicrometerEngineMetrics implements EngineMetrics {

    private final MeterRegistry registry;
    private final Map<String, Timer> roundTrips = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();
    private final Counter reconnects;
    private final AtomicLong lagEvents = new AtomicLong();
    private volatile double lagSeconds;

    MicrometerEngineMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.reconnects = Counter.builder("engine.redis.reconnects")
                .description("Attempts of the Redis client to reconnect after losing its connection")
                .register(registry);
        Gauge.builder("engine.stream.lag.events", lagEvents, AtomicLong::get)
                .description("Events between this node's position and the head of the stream, at its last read")
                .register(registry);
        Gauge.builder("engine.stream.lag.seconds", this, metrics -> metrics.lagSeconds)
                .description("Age of the last event this node read from the stream, when it read it")
                .register(registry);
        Gauge.builder(
                        "engine.redis.client.threads",
                        () -> Thread.getAllStackTraces().keySet().stream()
                                .filter(thread -> thread.getName().startsWith("lettuce-"))
                                .count())
                .description("Live threads of the Redis client (Lettuce event loops)")
                .register(registry);
    }

    @Override
    public void clientMemory(java.util.function.LongSupplier bytes) {
        Gauge.builder("engine.redis.client.memory", bytes, supplier -> supplier.getAsLong())
                .description("Memory the Redis client holds in its buffers (Netty's allocator: heap and direct)")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
    }

    @Override
    public void roundTrip(String command, long nanos) {
        roundTrips
                .computeIfAbsent(
                        command,
                        name -> Timer.builder("engine.redis.round.trip")
                                .description("Redis round trips of the stream engine, by command")
                                .tag("command", name)
                                .publishPercentileHistogram()
                                .minimumExpectedValue(Duration.ofNanos(50_000))
                                .maximumExpectedValue(Duration.ofSeconds(10))
                                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void error(String command) {
        errors.computeIfAbsent(
                        command,
                        name -> Counter.builder("engine.redis.errors")
                                .description("Redis commands of the stream engine that failed or timed out, by command")
                                .tag("command", name)
                                .register(registry))
                .increment();
    }

    @Override
    public void reconnecting() {
        reconnects.increment();
    }

    @Override
    public void lag(long events, double seconds) {
        lagEvents.set(events);
        lagSeconds = seconds;
    }
}
