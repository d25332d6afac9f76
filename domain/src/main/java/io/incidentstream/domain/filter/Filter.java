package io.incidentstream.domain.filter;

import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.model.Check;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.InvalidValueException;
import io.incidentstream.domain.model.Severity;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A subscription's filter. Every non-empty key constrains every event type: the event matches when
 * its subject satisfies all keys just before or just after the event. A key that needs a value the
 * subject does not have (an unknown incident, a system event) does not match.
 *
 * <p>Evaluation allocates nothing: sets answer {@code contains}, and lists are walked by index.
 */
public final class Filter {

    private static final String[] NO_STRINGS = new String[0];
    private static final Filter ALL = new Filter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Map.of(), Set.of());

    private final Set<EventType> eventTypes;
    private final Set<Severity> severities;
    private final Set<IncidentState> states;
    private final Set<String> sources;
    private final Set<String> affectedResources;
    private final Map<String, String> labels;
    private final Set<UUID> incidentIds;
    private final String[] labelKeys;
    private final String[] labelValues;
    private final boolean needsSubject;
    /** Whether some event type this filter allows carries a whole incident. */
    private final boolean carriesIncidents;
    /** A second filter every match must also pass (an access scope), or null. */
    private final Filter scope;

    public Filter(
            Collection<EventType> eventTypes,
            Collection<Severity> severities,
            Collection<IncidentState> states,
            Collection<String> sources,
            Collection<String> affectedResources,
            Map<String, String> labels,
            Collection<UUID> incidentIds) {
        this(eventTypes, severities, states, sources, affectedResources, labels, incidentIds, null);
    }

    private Filter(
            Collection<EventType> eventTypes,
            Collection<Severity> severities,
            Collection<IncidentState> states,
            Collection<String> sources,
            Collection<String> affectedResources,
            Map<String, String> labels,
            Collection<UUID> incidentIds,
            Filter scope) {
        this.eventTypes = enumSet(noNulls(eventTypes, "event_types"), EventType.class);
        this.severities = enumSet(noNulls(severities, "severities"), Severity.class);
        this.states = enumSet(noNulls(states, "states"), IncidentState.class);
        this.sources = orderedSet(noNulls(sources, "sources"));
        this.affectedResources = orderedSet(noNulls(affectedResources, "affected_resources"));
        // Checked here, not when matching: a null label would throw on the dispatcher thread.
        Check.map(labels, "labels");
        this.labels = labels == null || labels.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        this.incidentIds = orderedSet(noNulls(incidentIds, "incident_ids"));
        this.labelKeys =
                this.labels.isEmpty() ? NO_STRINGS : this.labels.keySet().toArray(NO_STRINGS);
        this.labelValues =
                this.labels.isEmpty() ? NO_STRINGS : this.labels.values().toArray(NO_STRINGS);
        this.scope = scope;
        this.carriesIncidents =
                this.eventTypes.isEmpty() || this.eventTypes.stream().anyMatch(EventType::carriesIncident);
        this.needsSubject = !this.severities.isEmpty()
                || !this.states.isEmpty()
                || !this.sources.isEmpty()
                || !this.affectedResources.isEmpty()
                || !this.labels.isEmpty()
                || !this.incidentIds.isEmpty()
                || (scope != null && scope.needsSubject);
    }

    /**
     * This filter narrowed to what {@code scope} allows: every key of both must hold, on the same
     * subject (before or after the event). The keys reported stay this filter's own.
     */
    public Filter and(Filter scope) {
        if (scope == null || scope.equals(ALL)) {
            return this;
        }
        Filter combined = this.scope == null ? scope : this.scope.and(scope);
        return new Filter(eventTypes, severities, states, sources, affectedResources, labels, incidentIds, combined);
    }

    /** This filter's own keys, without any scope it was narrowed to. */
    public Filter withoutScope() {
        return scope == null
                ? this
                : new Filter(eventTypes, severities, states, sources, affectedResources, labels, incidentIds, null);
    }

    /**
     * Whether nothing could ever match both this filter and {@code scope}: some key of both lists
     * only values the other excludes, or they require different values of the same label.
     */
    public boolean disjointFrom(Filter scope) {
        return disjoint(eventTypes, scope.eventTypes)
                || disjoint(severities, scope.severities)
                || disjoint(states, scope.states)
                || disjoint(sources, scope.sources)
                || disjoint(incidentIds, scope.incidentIds)
                || labels.entrySet().stream()
                        .anyMatch(label -> scope.labels.containsKey(label.getKey())
                                && !scope.labels.get(label.getKey()).equals(label.getValue()));
    }

    private static <T> boolean disjoint(Set<T> mine, Set<T> theirs) {
        return !mine.isEmpty() && !theirs.isEmpty() && java.util.Collections.disjoint(mine, theirs);
    }

    /** The filter that matches every event. */
    public static Filter all() {
        return ALL;
    }

    public boolean matches(EventAttributes event) {
        if (!typeAllowed(event.type())) {
            return false;
        }
        // The scope allows this type (above), so it allows incidents: the one carried must be within it.
        if (scope != null && event.carried() != null && !scope.matches(event.carried())) {
            return false;
        }
        if (!needsSubject) {
            return true;
        }
        return matches(event.before()) || (event.after() != event.before() && matches(event.after()));
    }

    private boolean typeAllowed(EventType type) {
        return (eventTypes.isEmpty() || eventTypes.contains(type)) && (scope == null || scope.typeAllowed(type));
    }

    /** Whether a subject (an incident, say, for a snapshot) satisfies every key but {@code event_types}. */
    public boolean matches(Subject subject) {
        return subject != null && matchesOwnKeys(subject) && (scope == null || scope.matches(subject));
    }

    private boolean matchesOwnKeys(Subject subject) {
        if (!incidentIds.isEmpty() && (subject.incidentId() == null || !incidentIds.contains(subject.incidentId()))) {
            return false;
        }
        if (!severities.isEmpty() && (subject.severity() == null || !severities.contains(subject.severity()))) {
            return false;
        }
        if (!states.isEmpty() && (subject.state() == null || !states.contains(subject.state()))) {
            return false;
        }
        if (!sources.isEmpty() && (subject.source() == null || !sources.contains(subject.source()))) {
            return false;
        }
        return resourcesOverlap(subject.resources()) && labelsMatch(subject.labels());
    }

    private boolean resourcesOverlap(List<String> resources) {
        if (affectedResources.isEmpty()) {
            return true;
        }
        for (int i = 0; i < resources.size(); i++) {
            if (affectedResources.contains(resources.get(i))) {
                return true;
            }
        }
        return false;
    }

    private boolean labelsMatch(Map<String, String> subjectLabels) {
        for (int i = 0; i < labelKeys.length; i++) {
            if (!labelValues[i].equals(subjectLabels.get(labelKeys[i]))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether some event type this filter allows carries a whole incident: a scope that allows none
     * (only {@code alert_received} and {@code system_event}) sees no incidents.
     */
    public boolean allowsIncidents() {
        return carriesIncidents;
    }

    public Set<EventType> eventTypes() {
        return eventTypes;
    }

    public Set<Severity> severities() {
        return severities;
    }

    public Set<IncidentState> states() {
        return states;
    }

    public Set<String> sources() {
        return sources;
    }

    public Set<String> affectedResources() {
        return affectedResources;
    }

    public Map<String, String> labels() {
        return labels;
    }

    public Set<UUID> incidentIds() {
        return incidentIds;
    }

    /** The length of the longest list (labels count as one list), for limits on filter size. */
    public int largestListSize() {
        return Math.max(
                Math.max(Math.max(eventTypes.size(), severities.size()), Math.max(states.size(), sources.size())),
                Math.max(Math.max(affectedResources.size(), labels.size()), incidentIds.size()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Filter f
                && eventTypes.equals(f.eventTypes)
                && severities.equals(f.severities)
                && states.equals(f.states)
                && sources.equals(f.sources)
                && affectedResources.equals(f.affectedResources)
                && labels.equals(f.labels)
                && incidentIds.equals(f.incidentIds)
                && java.util.Objects.equals(scope, f.scope);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(
                eventTypes, severities, states, sources, affectedResources, labels, incidentIds, scope);
    }

    @Override
    public String toString() {
        return "Filter[event_types=" + eventTypes + ", severities=" + severities + ", states=" + states
                + ", sources=" + sources + ", affected_resources=" + affectedResources + ", labels=" + labels
                + ", incident_ids=" + incidentIds + (scope == null ? "" : ", scope=" + scope) + "]";
    }

    private static <E extends Enum<E>> Set<E> enumSet(Collection<E> values, Class<E> type) {
        if (values == null || values.isEmpty()) {
            // Shared: a subscriber's filter usually sets one or two keys, and every connection keeps one.
            return Set.of();
        }
        return Collections.unmodifiableSet(EnumSet.copyOf(values));
    }

    private static <T> Collection<T> noNulls(Collection<T> values, String field) {
        if (values != null) {
            for (T value : values) {
                if (value == null) {
                    throw new InvalidValueException(field, "must not contain null");
                }
            }
        }
        return values;
    }

    private static <T> Set<T> orderedSet(Collection<T> values) {
        if (values == null || values.isEmpty()) {
            return Set.of();
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }
}
