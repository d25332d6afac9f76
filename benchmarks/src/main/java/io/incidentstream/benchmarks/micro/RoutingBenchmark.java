package io.incidentstream.benchmarks.micro;

import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.application.routing.EventRouter;
import io.incidentstream.application.routing.EventSink;
import io.incidentstream.application.routing.Recipient;
import io.incidentstream.application.routing.Registration;
import io.incidentstream.application.routing.SubscriptionIndex;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Routes one {@code incident_updated} event (a P1 payments incident) across {@code subscriptions}
 * sessions of one subscription each, of which 1% or 100% match. The matching share is made by one
 * kind of filter at a time; the others use the same kind with values the event does not have
 * (other incidents, other severities, other teams), as a real population would. The sink only
 * counts and keeps the last id list (as a session keeps it in its queued message), so the figure
 * is the router's and the index's cost, not the sessions' queues.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoutingBenchmark {

    /** Which filter key makes the matching share. */
    public enum Kind {
        INCIDENT_IDS,
        SEVERITIES,
        LABELS
    }

    private static final Severity[] OTHER_SEVERITIES = {Severity.P0, Severity.P2, Severity.P3, Severity.P4};

    @Param({"10000", "100000"})
    public int subscriptions;

    @Param({"1", "100"})
    public int matchPercent;

    @Param
    public Kind kind;

    private EventRouter router;
    private AdmittedEvent event;
    private long delivered;
    /** Kept, as a session keeps them in the message it queues, so the list escapes as it does in the server. */
    private java.util.List<String> lastIds;

    @Setup
    public void setUp() {
        SubscriptionIndex index = new SubscriptionIndex();
        EventSink sink = (admitted, ids) -> {
            lastIds = ids;
            delivered += ids.size();
        };
        int matching = Math.max(1, subscriptions * matchPercent / 100);
        for (int i = 0; i < subscriptions; i++) {
            Filter filter = i < matching ? matchingFilter() : otherFilter(i);
            index.add(new Registration(new Recipient(sink), "sub-" + i, filter, 0));
        }
        router = new EventRouter(index);
        event = Samples.admitted(Samples.Family.INCIDENT);
        int reached = router.route(event);
        if (reached != matching) {
            throw new IllegalStateException("expected " + matching + " recipients, routed to " + reached);
        }
    }

    private Filter matchingFilter() {
        switch (kind) {
            case INCIDENT_IDS:
                return filter(List.of(), Map.of(), List.of(Samples.INCIDENT_ID));
            case SEVERITIES:
                return filter(List.of(Severity.P1), Map.of(), List.of());
            default:
                return filter(List.of(), Map.of("team", "payments"), List.of());
        }
    }

    private Filter otherFilter(int i) {
        switch (kind) {
            case INCIDENT_IDS:
                return filter(List.of(), Map.of(), List.of(new UUID(0x5eed, i)));
            case SEVERITIES:
                return filter(List.of(OTHER_SEVERITIES[i % OTHER_SEVERITIES.length]), Map.of(), List.of());
            default:
                return filter(List.of(), Map.of("team", "team-" + (i % 200)), List.of());
        }
    }

    private static Filter filter(List<Severity> severities, Map<String, String> labels, List<UUID> incidentIds) {
        return new Filter(List.of(), severities, List.of(), List.of(), List.of(), labels, incidentIds);
    }

    @Benchmark
    public int route() {
        return router.route(event);
    }

    /** Read so the sink's work is not dead code. */
    public long delivered() {
        return delivered + (lastIds == null ? 0 : lastIds.size());
    }
}
