package io.incidentstream.adapters.metrics;

import io.incidentstream.application.port.out.AlertMetrics;
import io.incidentstream.application.port.out.StreamMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;

/** One Prometheus registry with JVM and stream metrics, scraped as text; owned by whoever creates it. */
public final class PrometheusMetrics implements AutoCloseable {

    /** The Prometheus text exposition format, the one {@link #scrape()} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    // A registry per instance, never Metrics.globalRegistry: tests and embedded servers each get
    // their own meters and nothing needs resetting between them.
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Kept because it listens for GC notifications until closed; null until the JVM's meters are bound.
    private JvmGcMetrics gcMetrics; // guarded by this
    private boolean closed; // guarded by this
    private final MicrometerStreamMetrics streamMetrics;
    private final MicrometerAlertMetrics alertMetrics;
    private final MicrometerEngineMetrics engineMetrics;
    /** The sources of function counters, kept reachable for as long as the registry. */
    private final java.util.List<Object> sources = new java.util.concurrent.CopyOnWriteArrayList<>();

    public PrometheusMetrics() {
        this(null);
    }

    /** @param nodeId when not null, every metric carries it as the label {@code node_id} (one stream, several nodes) */
    public PrometheusMetrics(String nodeId) {
        if (nodeId != null) {
            registry.config().commonTags("node_id", nodeId);
        }
        streamMetrics = new MicrometerStreamMetrics(registry, nodeId);
        alertMetrics = new MicrometerAlertMetrics(registry);
        engineMetrics = new MicrometerEngineMetrics(registry);
    }

    /**
     * Binds the JVM's meters (memory, GC, threads, classes, processor, uptime) once; later calls do
     * nothing. Finding the JVM's management beans takes about a tenth of the server's start-up, so
     * the server binds them once it listens, and every scrape binds them first if that has not
     * happened yet: no scrape goes without them. Never after {@link #close()}, whose GC listener
     * would outlive the registry.
     *
     * @return whether this call bound them
     */
    public synchronized boolean bindJvmMetrics() {
        if (gcMetrics != null || closed) {
            return false;
        }
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return true;
    }

    /** The stream engine's meters (Redis round trips, errors, reconnects, lag). */
    public io.incidentstream.application.port.out.EngineMetrics engineMetrics() {
        return engineMetrics;
    }

    public StreamMetrics streamMetrics() {
        return streamMetrics;
    }

    /** The alert intake's counters ({@code alerts_received_total{source}} and its siblings). */
    public AlertMetrics alertMetrics() {
        return alertMetrics;
    }

    /**
     * Registers a gauge read at every scrape, e.g. a queue depth. The name is Micrometer style
     * ({@code websocket.dispatch.queue.depth}) or already Prometheus style; both scrape with underscores.
     */
    public void gauge(String name, String description, Supplier<Number> value) {
        // Micrometer would silently keep the first gauge of a name; a second one is a wiring bug.
        // Compared as scraped, since "a.b" and "a_b" are the same Prometheus metric.
        NamingConvention convention = registry.config().namingConvention();
        String scraped = convention.name(name, Meter.Type.GAUGE);
        boolean taken = registry.getMeters().stream()
                .anyMatch(m -> convention
                        .name(m.getId().getName(), m.getId().getType())
                        .equals(scraped));
        if (taken) {
            throw new IllegalArgumentException("metric already registered: " + scraped);
        }
        Gauge.builder(name, value)
                .description(description)
                .strongReference(true)
                .register(registry);
    }

    /**
     * Registers a counter read at every scrape from {@code total}, a count kept by the code it
     * counts; scraped with the {@code _total} suffix.
     */
    public void counter(String name, String description, Supplier<Number> total) {
        // Micrometer holds a function counter's source weakly, and a method reference would be collected.
        sources.add(total);
        FunctionCounter.builder(name, total, t -> t.get().doubleValue())
                .description(description)
                .register(registry);
    }

    public String scrape() {
        bindJvmMetrics();
        // Asked for by name so the body always matches contentType().
        return registry.scrape(CONTENT_TYPE);
    }

    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (gcMetrics != null) {
            gcMetrics.close();
        }
        registry.close();
    }
}
