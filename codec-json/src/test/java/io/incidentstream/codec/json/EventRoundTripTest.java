package io.incidentstream.codec.json;

import static io.incidentstream.codec.json.Codec.readEvent;
import static io.incidentstream.codec.json.Codec.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.domain.event.AlertConverted;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.event.IncidentUpdated;
import io.incidentstream.domain.fixtures.TestEvents;
import io.incidentstream.domain.fixtures.TestIncidents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every event written and read back is the event it was: nothing lost, nothing defaulted. */
class EventRoundTripTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void every_event_type_about_a_fully_populated_incident_reads_back_equal(EventType type) {
        Event event = TestEvents.oneOfEach(FullRecords.incident()).get(type);

        assertThat(readEvent(write(event))).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void every_event_type_about_a_plain_incident_reads_back_equal(EventType type) {
        Event event = TestEvents.oneOfEach(TestIncidents.incident().build()).get(type);

        assertThat(readEvent(write(event))).isEqualTo(event);
    }

    @Test
    void the_samples_cover_all_fourteen_event_types() {
        assertThat(TestEvents.oneOfEach(FullRecords.incident())).hasSize(14).containsOnlyKeys(EventType.values());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void the_event_type_tag_is_written_first(EventType type) {
        Event event = TestEvents.oneOfEach(FullRecords.incident()).get(type);

        assertThat(Codec.fieldNames(Codec.tree(event))).first().isEqualTo("event_type");
        assertThat(Codec.tree(event).get("event_type").textValue()).isEqualTo(type.wire());
    }

    @Test
    void an_update_without_a_previous_state_reads_back_with_none() {
        Event event = new IncidentUpdated(FullRecords.incident(), null);

        assertThat(Codec.tree(event).get("previous_state").isNull()).isTrue();
        assertThat(readEvent(write(event))).isEqualTo(event);
    }

    @Test
    void a_converted_alert_with_every_field_reads_back_equal() {
        Event event = new AlertConverted(FullRecords.alert(), FullRecords.INCIDENT_ID);

        assertThat(readEvent(write(event))).isEqualTo(event);
    }
}
