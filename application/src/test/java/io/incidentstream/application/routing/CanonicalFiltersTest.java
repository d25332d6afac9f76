package io.incidentstream.application.routing;

import static io.incidentstream.domain.fixtures.TestFilters.filter;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Severity;
import org.junit.jupiter.api.Test;

/** Equal filters share one instance, within a bound. */
class CanonicalFiltersTest {

    private final CanonicalFilters filters = new CanonicalFilters();

    @Test
    void equalFilters_shareTheFirstInstance_andOthersKeepTheirOwn() {
        Filter first = filter().severities(Severity.P0, Severity.P1).build();
        Filter equal = filter().severities(Severity.P1, Severity.P0).build();
        Filter other = filter().severities(Severity.P2).build();

        assertThat(filters.canonical(first)).isSameAs(first);
        assertThat(filters.canonical(equal)).isSameAs(first);
        assertThat(filters.canonical(other)).isSameAs(other);
    }

    @Test
    void pastTheBound_theLeastRecentlyUsedIsForgotten_andStaysValid() {
        Filter oldest = filter().sources("source-0").build();
        filters.canonical(oldest);
        for (int i = 1; i <= CanonicalFilters.MAX_FILTERS; i++) {
            filters.canonical(filter().sources("source-" + i).build());
        }

        Filter again = filter().sources("source-0").build();

        assertThat(filters.canonical(again)).isSameAs(again).isEqualTo(oldest);
    }
}
