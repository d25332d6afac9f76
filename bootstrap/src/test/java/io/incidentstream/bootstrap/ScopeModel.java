package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The expectation model of the scope tests. Mirrors what the server knows: incidents by id, updated
 * as each event is sequenced; and for every published seq, the subject just before and just after
 * it (null: none, as for a system event or an unknown incident).
 */
final class ScopeModel {

    /** What an event is about, as far as these scopes look: source and severity. */
    record Attrs(String source, String severity) {}

    /** @param carried the incident an event carries whole besides its subject (an alert_converted's), or null */
    record Pending(Attrs before, Attrs after, String incidentId, Attrs incidentAfter, Attrs carried) {

        Pending(Attrs before, Attrs after, String incidentId, Attrs incidentAfter) {
            this(before, after, incidentId, incidentAfter, null);
        }
    }

    private final Map<String, Attrs> known = new LinkedHashMap<>();
    private final List<Pending> pending = new ArrayList<>();
    private final Map<Long, Pending> bySeq = new LinkedHashMap<>();
    private final Map<String, Attrs> pendingKnown = new HashMap<>();
    private long lastSeq;

    String incidentCreated(String id, String source, String severity) {
        return incidentChanged("incident_created", id, source, severity, null);
    }

    String incidentChanged(String type, String id, String source, String severity, String state) {
        Attrs after = new Attrs(source, severity);
        pending.add(new Pending(current(id), after, id, after));
        pendingKnown.put(id, after);
        return "{\"event_type\":\"" + type + "\",\"incident\":" + incident(id, source, severity, state) + "}";
    }

    static String incident(String id, String source, String severity, String state) {
        return "{\"id\":\"" + id + "\",\"severity\":\"" + severity + "\",\"source\":\"" + source + "\","
                + (state == null ? "" : "\"state\":\"" + state + "\",") + "\"title\":\"" + source + " " + severity
                + "\",\"labels\":{\"team\":\"" + source + "\"}}";
    }

    String alertReceived(String source, String severity) {
        Attrs attrs = new Attrs(source, severity);
        pending.add(new Pending(attrs, attrs, null, null));
        return "{\"event_type\":\"alert_received\",\"alert\":{\"source\":\"" + source + "\",\"severity\":\"" + severity
                + "\",\"title\":\"alert from " + source + "\"}}";
    }

    /** An alert joined to incident {@code id}: matched on the alert, and it carries the incident. */
    String alertConverted(String id, String source, String severity) {
        Attrs alert = new Attrs(source, severity);
        pending.add(new Pending(alert, alert, null, null, current(id)));
        return "{\"event_type\":\"alert_converted\",\"incident_id\":\"" + id + "\",\"alert\":{\"source\":\"" + source
                + "\",\"severity\":\"" + severity + "\",\"title\":\"alert from " + source + "\"}}";
    }

    String escalated(String id, String from, String to) {
        Attrs before = current(id);
        Attrs after = before == null ? null : new Attrs(before.source(), to);
        pending.add(new Pending(before, after, after == null ? null : id, after));
        if (after != null) {
            pendingKnown.put(id, after);
        }
        return "{\"event_type\":\"escalated\",\"incident_id\":\"" + id + "\",\"from_severity\":\"" + from
                + "\",\"to_severity\":\"" + to + "\",\"reason\":\"test\"}";
    }

    /** An event about an incident that does not change what the scopes look at. */
    String about(String type, String id) {
        Attrs attrs = current(id);
        pending.add(new Pending(attrs, attrs, null, null));
        String extra = switch (type) {
            case "comment_added" -> ",\"author\":\"ann\",\"comment\":\"looking\"";
            case "assignment_changed" -> ",\"assignees\":[\"ann\"]";
            case "notification_sent" -> ",\"channel\":\"pager\",\"success\":true";
            case "playbook_started" -> ",\"playbook_id\":\"" + UUID.randomUUID() + "\",\"playbook_name\":\"p\"";
            default -> "";
        };
        return "{\"event_type\":\"" + type + "\",\"incident_id\":\"" + id + "\"" + extra + "}";
    }

    String systemEvent() {
        pending.add(new Pending(null, null, null, null));
        return "{\"event_type\":\"system_event\",\"category\":\"deploy\",\"message\":\"v2\"}";
    }

    private Attrs current(String id) {
        return pendingKnown.containsKey(id) ? pendingKnown.get(id) : known.get(id);
    }

    /** The events built since the last publication were accepted with these seqs, in order. */
    void sequenced(JsonNode seqs) {
        assertThat(seqs.size()).isEqualTo(pending.size());
        for (int i = 0; i < seqs.size(); i++) {
            record(seqs.get(i).asLong(), pending.get(i));
        }
        pending.clear();
        pendingKnown.clear();
    }

    void sequencedSingle(Pending event, long seq) {
        assertThat(pending).isEmpty();
        record(seq, event);
    }

    private void record(long seq, Pending event) {
        assertThat(seq).isGreaterThan(lastSeq);
        bySeq.put(seq, event);
        if (event.incidentId() != null) {
            known.put(event.incidentId(), event.incidentAfter());
        }
        lastSeq = seq;
    }

    long lastSeq() {
        return lastSeq;
    }

    /**
     * The seqs in (from, to] that a holder of {@code scope} must get: about something in scope before
     * or after, and carrying no incident outside it.
     */
    List<Long> expected(Predicate<Attrs> scope, long from, long to) {
        List<Long> seqs = new ArrayList<>();
        bySeq.forEach((seq, event) -> {
            boolean scoped = (event.before() != null && scope.test(event.before())
                            || event.after() != null && scope.test(event.after()))
                    && (event.carried() == null || scope.test(event.carried()));
            if (seq > from && seq <= to && scoped) {
                seqs.add(seq);
            }
        });
        return seqs;
    }

    List<Long> allSeqs(long from, long to) {
        return bySeq.keySet().stream().filter(seq -> seq > from && seq <= to).toList();
    }

    /** The known incidents whose current attributes are within {@code scope}. */
    Set<String> incidentsWithin(Predicate<Attrs> scope) {
        Set<String> ids = new TreeSet<>();
        known.forEach((id, attrs) -> {
            if (scope.test(attrs)) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** What the model knows of incident {@code id} now (null: nothing). */
    Attrs known(String id) {
        return known.get(id);
    }
}
