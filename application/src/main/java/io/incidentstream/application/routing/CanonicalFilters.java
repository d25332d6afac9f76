package io.incidentstream.application.routing;

import io.incidentstream.domain.filter.Filter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One shared instance per distinct filter among those used recently: the subscribers of one
 * dashboard send the same filter, and each would otherwise keep its own copy for as long as it
 * stays connected. Bounded, least recently used first out, so a stream of distinct filters costs
 * at most {@value #MAX_FILTERS} entries; a filter evicted here is still valid, merely not shared
 * with later equal ones. Dispatcher thread only, like the index.
 */
final class CanonicalFilters {

    static final int MAX_FILTERS = 1024;

    private final Map<Filter, Filter> filters = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Filter, Filter> eldest) {
            return size() > MAX_FILTERS;
        }
    };

    Filter canonical(Filter filter) {
        Filter shared = filters.putIfAbsent(filter, filter);
        return shared == null ? filter : shared;
    }
}
