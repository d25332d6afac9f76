package io.incidentstream.codec.json;

import static io.incidentstream.codec.json.Codec.fieldNames;
import static io.incidentstream.codec.json.Codec.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.fixtures.TestEvents;
import io.incidentstream.domain.fixtures.TestIncidents;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * On output every field is present, named exactly as in PROTOCOL sections 1 and 2, even when null or
 * empty; incident-linked events end with the (ext) {@code incident}, null until admission fills it in.
 */
class WrittenFieldsTest {

    private static final List<String> INCIDENT_FIELDS = List.of(
            "id",
            "created_at",
            "updated_at",
            "state",
            "severity",
            "incident_type",
            "source",
            "title",
            "description",
            "affected_resources",
            "labels",
            "related_incidents",
            "active_playbook",
            "resolution",
            "timeline",
            "assignees",
            "notes",
            "fingerprint",
            "correlation_score");

    private static final List<String> ALERT_FIELDS = List.of(
            "id",
            "external_id",
            "source",
            "timestamp",
            "received_at",
            "severity",
            "alert_type",
            "title",
            "description",
            "labels",
            "affected_services",
            "runbook_url",
            "annotations",
            "incident_id",
            "deduplicated",
            "parent_alert_id");

    @Test
    void a_fully_populated_incident_has_every_protocol_field_and_no_other() {
        JsonNode incident = tree(FullRecords.incident());

        assertThat(fieldNames(incident)).containsExactlyElementsOf(INCIDENT_FIELDS);
        assertThat(fieldNames(incident.get("resolution")))
                .containsExactly("resolved_at", "resolved_by", "resolution_method", "root_cause", "notes");
        assertThat(fieldNames(incident.get("timeline").get(0)))
                .containsExactly("timestamp", "event_type", "actor", "description", "metadata");
        assertThat(fieldNames(incident.get("notes").get(0))).containsExactly("id", "author", "content", "created_at");
    }

    @Test
    void an_incident_with_nothing_optional_still_writes_every_field_with_null_or_empty_values() {
        JsonNode incident = tree(TestIncidents.incident().build());

        assertThat(fieldNames(incident)).containsExactlyElementsOf(INCIDENT_FIELDS);
        for (String nullable : List.of("active_playbook", "resolution", "fingerprint", "correlation_score")) {
            assertThat(incident.get(nullable).isNull()).as(nullable).isTrue();
        }
        for (String list : List.of("related_incidents", "timeline", "notes", "assignees")) {
            assertThat(incident.get(list).isArray() && incident.get(list).isEmpty())
                    .as(list)
                    .isTrue();
        }
    }

    @Test
    void a_fully_populated_alert_has_every_protocol_field_and_no_other() {
        assertThat(fieldNames(tree(FullRecords.alert()))).containsExactlyElementsOf(ALERT_FIELDS);
    }

    @Test
    void an_alert_with_nothing_optional_still_writes_every_field() {
        JsonNode alert = tree(TestIncidents.alert().build());

        assertThat(fieldNames(alert)).containsExactlyElementsOf(ALERT_FIELDS);
        assertThat(alert.get("runbook_url").isNull()).isTrue();
        assertThat(alert.get("incident_id").isNull()).isTrue();
        assertThat(alert.get("parent_alert_id").isNull()).isTrue();
        assertThat(alert.get("deduplicated").booleanValue()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            INCIDENT_CREATED         | incident
            INCIDENT_UPDATED         | incident previous_state
            INCIDENT_RESOLVED        | incident
            INCIDENT_CLOSED          | incident
            ALERT_RECEIVED           | alert
            ALERT_CONVERTED          | alert incident_id incident
            ESCALATED                | incident_id from_severity to_severity reason incident
            PLAYBOOK_STARTED         | incident_id playbook_id playbook_name incident
            PLAYBOOK_ACTION_EXECUTED | incident_id playbook_id action_name success message incident
            PLAYBOOK_COMPLETED       | incident_id playbook_id success actions_executed incident
            NOTIFICATION_SENT        | incident_id channel success incident
            ASSIGNMENT_CHANGED       | incident_id assignees incident
            COMMENT_ADDED            | incident_id author comment timestamp incident
            SYSTEM_EVENT             | category message metadata
            """)
    void each_event_type_writes_its_tag_and_exactly_its_payload_fields(EventType type, String payload) {
        JsonNode event = tree(TestEvents.oneOfEach(FullRecords.incident()).get(type));

        List<String> expected = new java.util.ArrayList<>(List.of("event_type"));
        expected.addAll(Arrays.asList(payload.split(" ")));
        assertThat(fieldNames(event)).containsExactlyElementsOf(expected);
    }
}
