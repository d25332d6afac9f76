package io.incidentstream.application.routing;

import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.filter.EventAttributes;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.filter.Subject;
import io.incidentstream.domain.model.Severity;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Files each subscription under the most selective key its filter has (incident id, then a label
 * pair, then source, then severity, then event type; else with those that must see every event),
 * so that an event is only checked against subscriptions that could match it.
 *
 * <p>A subscription filed under a key can only match an event whose subject, before or after, has
 * that key's value, because every key of a filter must hold. So visiting the buckets of the event's
 * own values finds every candidate. Not thread-safe: the dispatcher thread owns it.
 */
public final class SubscriptionIndex {

    /** Called for every candidate; may be called more than once for the same registration. */
    public interface Visitor {
        void visit(Registration registration);
    }

    private final Map<UUID, Bucket> byIncident = new HashMap<>();
    private final Map<String, Map<String, Bucket>> byLabel = new HashMap<>();
    private final Map<String, Bucket> bySource = new HashMap<>();
    private final Map<Severity, Bucket> bySeverity = new EnumMap<>(Severity.class);
    private final Map<EventType, Bucket> byType = new EnumMap<>(EventType.class);
    private final Bucket unindexed = new Bucket();
    private final CanonicalFilters filters = new CanonicalFilters();

    /** The instance of an equal filter already in use, if there is one, so that equal filters share memory. */
    public Filter canonical(Filter filter) {
        return filters.canonical(filter);
    }

    private int size;

    public void add(Registration registration) {
        Filter filter = registration.filter;
        if (!filter.incidentIds().isEmpty()) {
            filter.incidentIds()
                    .forEach(id ->
                            byIncident.computeIfAbsent(id, k -> new Bucket()).add(registration));
        } else if (!filter.labels().isEmpty()) {
            Map.Entry<String, String> first =
                    filter.labels().entrySet().iterator().next();
            byLabel.computeIfAbsent(first.getKey(), k -> new HashMap<>())
                    .computeIfAbsent(first.getValue(), v -> new Bucket())
                    .add(registration);
        } else if (!filter.sources().isEmpty()) {
            filter.sources()
                    .forEach(source ->
                            bySource.computeIfAbsent(source, k -> new Bucket()).add(registration));
        } else if (!filter.severities().isEmpty()) {
            filter.severities()
                    .forEach(s ->
                            bySeverity.computeIfAbsent(s, k -> new Bucket()).add(registration));
        } else if (!filter.eventTypes().isEmpty()) {
            filter.eventTypes()
                    .forEach(t -> byType.computeIfAbsent(t, k -> new Bucket()).add(registration));
        } else {
            unindexed.add(registration);
        }
        size++;
    }

    public void remove(Registration registration) {
        Filter filter = registration.filter;
        if (!filter.incidentIds().isEmpty()) {
            filter.incidentIds().forEach(id -> removeFrom(byIncident, id, registration));
        } else if (!filter.labels().isEmpty()) {
            Map.Entry<String, String> first =
                    filter.labels().entrySet().iterator().next();
            Map<String, Bucket> values = byLabel.get(first.getKey());
            if (values != null) {
                removeFrom(values, first.getValue(), registration);
                if (values.isEmpty()) {
                    byLabel.remove(first.getKey());
                }
            }
        } else if (!filter.sources().isEmpty()) {
            filter.sources().forEach(source -> removeFrom(bySource, source, registration));
        } else if (!filter.severities().isEmpty()) {
            filter.severities().forEach(s -> removeFrom(bySeverity, s, registration));
        } else if (!filter.eventTypes().isEmpty()) {
            filter.eventTypes().forEach(t -> removeFrom(byType, t, registration));
        } else {
            unindexed.remove(registration);
        }
        size--;
    }

    /** The number of subscriptions filed. */
    public int size() {
        return size;
    }

    /** Visits every registration that could match the event. Allocates nothing. */
    public void visitCandidates(EventAttributes event, Visitor visitor) {
        Subject before = event.before();
        Subject after = event.after();
        visitSubject(before, visitor);
        if (after != before) {
            visitSubject(after, visitor);
        }
        visit(byType.get(event.type()), visitor);
        visit(unindexed, visitor);
    }

    /**
     * Visits every registration whose filter could match {@code subject} on every key but
     * {@code event_types}: the subject's own buckets, the subscriptions filed by event type alone
     * (at most one bucket per type), and those that see every event. For messages about an
     * incident that are not events, such as presence. Allocates nothing.
     */
    public void visitSubjectCandidates(Subject subject, Visitor visitor) {
        visitSubject(subject, visitor);
        for (Bucket bucket : byType.values()) {
            visit(bucket, visitor);
        }
        visit(unindexed, visitor);
    }

    private void visitSubject(Subject subject, Visitor visitor) {
        if (subject == null) {
            return;
        }
        if (subject.incidentId() != null && !byIncident.isEmpty()) {
            visit(byIncident.get(subject.incidentId()), visitor);
        }
        if (!byLabel.isEmpty()) {
            for (int i = 0; i < subject.labelKeys().size(); i++) {
                Map<String, Bucket> values = byLabel.get(subject.labelKeys().get(i));
                if (values != null) {
                    visit(values.get(subject.labelValues().get(i)), visitor);
                }
            }
        }
        if (subject.source() != null && !bySource.isEmpty()) {
            visit(bySource.get(subject.source()), visitor);
        }
        if (subject.severity() != null) {
            visit(bySeverity.get(subject.severity()), visitor);
        }
    }

    private static void visit(Bucket bucket, Visitor visitor) {
        if (bucket == null) {
            return;
        }
        for (int i = 0; i < bucket.size(); i++) {
            visitor.visit(bucket.get(i));
        }
    }

    private static <K> void removeFrom(Map<K, Bucket> map, K key, Registration registration) {
        Bucket bucket = map.get(key);
        if (bucket != null && bucket.remove(registration)) {
            map.remove(key);
        }
    }
}
