package io.incidentstream.codec.json;

import static io.incidentstream.domain.fixtures.TestIncidents.T0;

import io.incidentstream.domain.model.Alert;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.IncidentType;
import io.incidentstream.domain.model.Note;
import io.incidentstream.domain.model.Resolution;
import io.incidentstream.domain.model.ResolutionMethod;
import io.incidentstream.domain.model.Severity;
import io.incidentstream.domain.model.TimelineEntry;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An incident and an alert with every field set to something other than its default. */
final class FullRecords {

    static final UUID INCIDENT_ID = UUID.fromString("6f9619ff-8b86-d011-b42d-00c04fc964ff");
    static final UUID ALERT_ID = UUID.fromString("11111111-2222-3333-4444-555555555555");

    private FullRecords() {}

    /** Plain JSON of every kind, as JSON reading produces it (Integer, Long, Double, nested maps and lists, null). */
    static Map<String, Object> mixedMetadata() {
        Map<String, Object> level = new LinkedHashMap<>();
        level.put("level", 2);
        level.put("unset", null);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("attempts", 3);
        metadata.put("bytes", 12_345_678_901_234L);
        metadata.put("ratio", 0.25);
        metadata.put("automated", true);
        metadata.put("rule", "rule-17");
        metadata.put("none", null);
        metadata.put("tags", Arrays.asList("a", 1, false, null));
        metadata.put("nested", Map.of("depth", level));
        return metadata;
    }

    static Incident incident() {
        return new Incident(
                INCIDENT_ID,
                T0,
                T0.plusSeconds(300).plusMillis(125),
                IncidentState.RESOLVED,
                Severity.P0,
                IncidentType.SECURITY,
                "falco",
                "unexpected shell in container",
                "a shell was spawned in api-1",
                List.of("pod/api-1", "node/n7"),
                Map.of("team", "sec", "env", "prod"),
                List.of(
                        UUID.fromString("aaaaaaaa-0000-0000-0000-000000000001"),
                        UUID.fromString("aaaaaaaa-0000-0000-0000-000000000002")),
                UUID.fromString("bbbbbbbb-0000-0000-0000-000000000001"),
                new Resolution(
                        T0.plusSeconds(240),
                        "carol",
                        ResolutionMethod.AUTO_ASSISTED_MANUAL,
                        "leaked credentials",
                        "rotated the keys"),
                List.of(
                        new TimelineEntry(T0, "state_change", "system", "detected by falco", mixedMetadata()),
                        new TimelineEntry(T0.plusSeconds(60), "comment", "alice", "isolating", Map.of())),
                List.of("alice", "bob"),
                List.of(new Note(
                        UUID.fromString("cccccccc-0000-0000-0000-000000000001"),
                        "alice",
                        "pod isolated",
                        T0.plusSeconds(90))),
                "fp-9f2c",
                0.87);
    }

    static Alert alert() {
        return new Alert(
                ALERT_ID,
                "am-123",
                "alertmanager",
                T0.minusSeconds(5),
                T0,
                Severity.P1,
                IncidentType.PERFORMANCE,
                "HighLatency",
                "p99 above 2s",
                Map.of("team", "payments"),
                List.of("checkout-api", "cart"),
                "https://runbooks.example/high-latency",
                Map.of("summary", "checkout is slow"),
                INCIDENT_ID,
                true,
                UUID.fromString("dddddddd-0000-0000-0000-000000000001"));
    }
}
