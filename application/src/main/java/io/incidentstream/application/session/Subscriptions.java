package io.incidentstream.application.session;

import io.incidentstream.application.routing.Registration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A session's subscriptions by id. Nearly every session holds one, for as long as it is connected,
 * so that one is kept in a field; a map is made only when a second arrives. Dispatcher thread only.
 */
final class Subscriptions {

    private Registration only;
    private Map<String, Registration> several;

    Registration get(String id) {
        if (several != null) {
            return several.get(id);
        }
        return only != null && only.subscriptionId().equals(id) ? only : null;
    }

    int size() {
        return several != null ? several.size() : only == null ? 0 : 1;
    }

    /** Adds or replaces the subscription with the registration's id. */
    void put(String id, Registration registration) {
        if (several == null && (only == null || only.subscriptionId().equals(id))) {
            only = registration;
            return;
        }
        if (several == null) {
            several = new HashMap<>();
            several.put(only.subscriptionId(), only);
            only = null;
        }
        several.put(id, registration);
    }

    Registration remove(String id) {
        if (several != null) {
            return several.remove(id);
        }
        Registration removed = get(id);
        if (removed != null) {
            only = null;
        }
        return removed;
    }

    /** A copy: callers replace or remove while they walk it. */
    List<Registration> all() {
        return several != null ? List.copyOf(several.values()) : only == null ? List.of() : List.of(only);
    }

    void clear() {
        only = null;
        several = null;
    }
}
