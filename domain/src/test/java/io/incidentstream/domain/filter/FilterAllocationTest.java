package io.incidentstream.domain.filter;

import static io.incidentstream.domain.fixtures.TestFilters.filter;
import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.incidentstream.domain.event.Escalated;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.Severity;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Routing evaluates filters for every candidate subscription of every event, so matching must not
 * allocate. Measured with the JVM's per-thread allocation counter over many iterations, after
 * warm-up so that the JIT has compiled (and escape-analysed) the path.
 */
class FilterAllocationTest {

    private static final int ITERATIONS = 200_000;

    @Test
    void matches_allocatesNothing() {
        com.sun.management.ThreadMXBean threads = threadBean();
        Incident known = incident()
                .severity(Severity.P3)
                .state(IncidentState.TRIAGED)
                .labels(Map.of("team", "payments", "env", "prod"))
                .build();
        EventAttributes attributes = Attribution.of(new Escalated(known.id(), Severity.P3, Severity.P0, "r"), known);
        Filter[] filters = {
            filter().eventTypes(EventType.ESCALATED).severities(Severity.P0).build(),
            filter().activeStates()
                    .sources("datadog", "prometheus")
                    .affectedResources("x", "checkout-api")
                    .build(),
            filter().labels(Map.of("team", "payments", "env", "prod"))
                    .incidentIds(known.id())
                    .build(),
            filter().severities(Severity.P4).build(),
        };
        long sink = run(filters, attributes);
        long threadId = Thread.currentThread().getId();

        long before = threads.getThreadAllocatedBytes(threadId);
        sink += run(filters, attributes);
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertThat(sink).isEqualTo(2L * ITERATIONS * 3);
        // A few hundred bytes of slack for the counter itself; one allocation per match would be megabytes.
        assertThat(allocated).isLessThan(1024);
    }

    private static long run(Filter[] filters, EventAttributes attributes) {
        long matched = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            for (Filter f : filters) {
                if (f.matches(attributes)) {
                    matched++;
                }
            }
        }
        return matched;
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs a HotSpot-style ThreadMXBean");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        return threads;
    }
}
