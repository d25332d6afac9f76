package io.incidentstream.codec.json;

import static io.incidentstream.codec.json.Codec.readAlert;
import static io.incidentstream.codec.json.Codec.readIncident;
import static io.incidentstream.codec.json.Codec.reader;
import static io.incidentstream.codec.json.Codec.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.domain.model.Incident;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An incident and an alert with every field populated survive writing and reading unchanged. */
class RecordRoundTripTest {

    @Test
    void an_incident_with_every_field_populated_reads_back_equal() {
        Incident incident = FullRecords.incident();

        assertThat(readIncident(write(incident))).isEqualTo(incident);
    }

    @Test
    void timeline_metadata_of_mixed_types_keeps_its_values_and_their_types() {
        Map<String, Object> metadata =
                readIncident(write(FullRecords.incident())).timeline().get(0).metadata();

        assertThat(metadata).isEqualTo(FullRecords.mixedMetadata());
        assertThat(metadata.get("attempts")).isInstanceOf(Integer.class);
        assertThat(metadata.get("bytes")).isInstanceOf(Long.class);
        assertThat(metadata.get("ratio")).isInstanceOf(Double.class);
        assertThat(metadata).containsEntry("none", null);
    }

    @Test
    void an_alert_with_every_field_populated_reads_back_equal() {
        assertThat(readAlert(write(FullRecords.alert()), reader())).isEqualTo(FullRecords.alert());
    }
}
