package io.incidentstream.codec.json;

import static io.incidentstream.codec.json.Codec.readEvent;
import static io.incidentstream.codec.json.Codec.tree;
import static io.incidentstream.codec.json.Codec.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.event.IncidentLinkedEvent;
import io.incidentstream.domain.fixtures.TestEvents;
import io.incidentstream.domain.model.Incident;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The (ext) {@code incident} of the events that name their incident by {@code incident_id}: written
 * whole when known, {@code null} when not, and read back as written, so that history stored as JSON
 * replays what was delivered live.
 */
class IncidentFieldTest {

    /** PROTOCOL section 2: the events about an incident that do not carry it by themselves. */
    private static final Set<EventType> LINKED = EnumSet.of(
            EventType.ESCALATED,
            EventType.ASSIGNMENT_CHANGED,
            EventType.COMMENT_ADDED,
            EventType.PLAYBOOK_STARTED,
            EventType.PLAYBOOK_ACTION_EXECUTED,
            EventType.PLAYBOOK_COMPLETED,
            EventType.NOTIFICATION_SENT,
            EventType.ALERT_CONVERTED);

    @Test
    void exactlyTheProtocolsTypes_areIncidentLinked() {
        for (EventType type : EventType.values()) {
            Event sample = TestEvents.oneOfEach(FullRecords.incident()).get(type);
            assertThat(sample instanceof IncidentLinkedEvent).as(type.wire()).isEqualTo(LINKED.contains(type));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = EventType.class,
            names = {
                "ESCALATED",
                "ASSIGNMENT_CHANGED",
                "COMMENT_ADDED",
                "PLAYBOOK_STARTED",
                "PLAYBOOK_ACTION_EXECUTED",
                "PLAYBOOK_COMPLETED",
                "NOTIFICATION_SENT",
                "ALERT_CONVERTED"
            })
    void knownIncident_isWrittenWhole_andReadsBackEqual(EventType type) {
        Incident incident = FullRecords.incident();
        Event event = ((IncidentLinkedEvent) TestEvents.oneOfEach(incident).get(type)).withIncident(incident);

        JsonNode written = tree(event);
        assertThat(written.get("incident")).isEqualTo(tree(incident));
        assertThat(written.get("incident").get("id").asText())
                .isEqualTo(written.get("incident_id").asText());
        assertThat(readEvent(write(event))).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = EventType.class,
            names = {
                "ESCALATED",
                "ASSIGNMENT_CHANGED",
                "COMMENT_ADDED",
                "PLAYBOOK_STARTED",
                "PLAYBOOK_ACTION_EXECUTED",
                "PLAYBOOK_COMPLETED",
                "NOTIFICATION_SENT",
                "ALERT_CONVERTED"
            })
    void unknownIncident_isWrittenAsNull_andTheEventStaysValid(EventType type) {
        Event event = TestEvents.oneOfEach(FullRecords.incident()).get(type);

        JsonNode written = tree(event);
        assertThat(written.has("incident")).isTrue();
        assertThat(written.get("incident").isNull()).isTrue();
        assertThat(((IncidentLinkedEvent) readEvent(write(event))).incident()).isNull();
    }

    @Test
    void publisherWithoutIncident_readsAsUnknown() {
        Event event = readEvent("{\"event_type\":\"escalated\",\"incident_id\":\"" + FullRecords.INCIDENT_ID
                + "\",\"from_severity\":\"P3\",\"to_severity\":\"P1\"}");

        assertThat(((IncidentLinkedEvent) event).incident()).isNull();
    }
}
