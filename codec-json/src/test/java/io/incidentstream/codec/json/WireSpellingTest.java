package io.incidentstream.codec.json;

import static io.incidentstream.codec.json.Codec.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.domain.event.Escalated;
import io.incidentstream.domain.event.IncidentUpdated;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values are spelled exactly as PROTOCOL section 1 says: enum spellings, UTC timestamps with Z, lower-case ids. */
class WireSpellingTest {

    private static final String UTC_TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";
    private static final String LOWER_CASE_UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void incident_enums_are_spelled_as_in_the_protocol() {
        JsonNode incident = tree(FullRecords.incident());

        assertThat(incident.get("state").textValue()).isEqualTo("Resolved");
        assertThat(incident.get("severity").textValue()).isEqualTo("P0");
        assertThat(incident.get("incident_type").textValue()).isEqualTo("Security");
        assertThat(incident.at("/resolution/resolution_method").textValue()).isEqualTo("AutoAssistedManual");
    }

    @Test
    void event_enums_are_spelled_as_in_the_protocol() {
        JsonNode updated = tree(new IncidentUpdated(FullRecords.incident(), IncidentState.DETECTED));
        JsonNode escalated = tree(new Escalated(FullRecords.INCIDENT_ID, Severity.P2, Severity.P1, "rising"));

        assertThat(updated.get("event_type").textValue()).isEqualTo("incident_updated");
        assertThat(updated.get("previous_state").textValue()).isEqualTo("Detected");
        assertThat(escalated.get("from_severity").textValue()).isEqualTo("P2");
        assertThat(escalated.get("to_severity").textValue()).isEqualTo("P1");
    }

    @Test
    void alert_type_is_spelled_like_an_incident_type() {
        assertThat(tree(FullRecords.alert()).get("alert_type").textValue()).isEqualTo("Performance");
    }

    @Test
    void every_timestamp_is_rfc_3339_in_utc_with_z() {
        JsonNode incident = tree(FullRecords.incident());
        List<String> timestamps = new ArrayList<>(List.of(
                incident.get("created_at").textValue(),
                incident.get("updated_at").textValue(),
                incident.at("/resolution/resolved_at").textValue(),
                incident.at("/timeline/0/timestamp").textValue(),
                incident.at("/notes/0/created_at").textValue()));
        JsonNode alert = tree(FullRecords.alert());
        timestamps.add(alert.get("timestamp").textValue());
        timestamps.add(alert.get("received_at").textValue());

        assertThat(timestamps).allSatisfy(timestamp -> assertThat(timestamp).matches(UTC_TIMESTAMP));
        assertThat(incident.get("created_at").textValue()).isEqualTo("2024-05-01T12:00:00Z");
        assertThat(incident.get("updated_at").textValue()).isEqualTo("2024-05-01T12:05:00.125Z");
    }

    @Test
    void every_id_is_a_lower_case_uuid() {
        JsonNode incident = tree(FullRecords.incident());
        JsonNode alert = tree(FullRecords.alert());

        assertThat(List.of(
                        incident.get("id").textValue(),
                        incident.at("/related_incidents/0").textValue(),
                        incident.get("active_playbook").textValue(),
                        incident.at("/notes/0/id").textValue(),
                        alert.get("id").textValue(),
                        alert.get("incident_id").textValue(),
                        alert.get("parent_alert_id").textValue()))
                .allSatisfy(id -> assertThat(id).matches(LOWER_CASE_UUID));
    }

    @Test
    void the_correlation_score_is_a_json_number() {
        JsonNode score = tree(FullRecords.incident()).get("correlation_score");

        assertThat(score.isNumber()).isTrue();
        assertThat(score.doubleValue()).isEqualTo(0.87);
    }
}
