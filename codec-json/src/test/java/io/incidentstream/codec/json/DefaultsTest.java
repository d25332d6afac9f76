package io.incidentstream.codec.json;

import static io.incidentstream.codec.json.Codec.NOW;
import static io.incidentstream.codec.json.Codec.q;
import static io.incidentstream.codec.json.Codec.readAlert;
import static io.incidentstream.codec.json.Codec.readIncident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.codec.json.Codec.CountingIds;
import io.incidentstream.domain.event.CommentAdded;
import io.incidentstream.domain.model.Alert;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.IncidentType;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Optional fields may be omitted: a new id from the supplier (only when none is given), the clock's
 * time, Detected, Unknown, empty collections, null.
 */
class DefaultsTest {

    private final CountingIds ids = new CountingIds();
    private final DomainReader reader = new DomainReader(Codec.CLOCK, ids);

    @Test
    void an_incident_with_only_its_required_fields_takes_every_default() {
        Incident incident = readIncident(q("{'severity':'P2','source':'prometheus','title':'slow'}"), reader);

        assertThat(incident.id()).isEqualTo(CountingIds.nth(1));
        assertThat(incident.createdAt()).isEqualTo(NOW);
        assertThat(incident.updatedAt()).isEqualTo(NOW);
        assertThat(incident.state()).isEqualTo(IncidentState.DETECTED);
        assertThat(incident.incidentType()).isEqualTo(IncidentType.UNKNOWN);
        assertThat(incident.description()).isEmpty();
        assertThat(incident.affectedResources()).isEmpty();
        assertThat(incident.labels()).isEmpty();
        assertThat(incident.relatedIncidents()).isEmpty();
        assertThat(incident.timeline()).isEmpty();
        assertThat(incident.assignees()).isEmpty();
        assertThat(incident.notes()).isEmpty();
        assertThat(incident.activePlaybook()).isNull();
        assertThat(incident.resolution()).isNull();
        assertThat(incident.fingerprint()).isNull();
        assertThat(incident.correlationScore()).isNull();
    }

    @Test
    void explicit_nulls_take_the_defaults_too() {
        Incident incident = readIncident(
                q("{'id':null,'severity':'P2','source':'s','title':'t','state':null,"
                        + "'labels':null,'timeline':null,'resolution':null,'correlation_score':null}"),
                reader);

        assertThat(incident.id()).isEqualTo(CountingIds.nth(1));
        assertThat(incident.state()).isEqualTo(IncidentState.DETECTED);
        assertThat(incident.labels()).isEmpty();
        assertThat(incident.timeline()).isEmpty();
        assertThat(incident.resolution()).isNull();
    }

    @Test
    void the_id_supplier_is_not_called_when_an_id_is_given() {
        Incident incident = readIncident(
                q("{'id':'6f9619ff-8b86-d011-b42d-00c04fc964ff','severity':'P2'," + "'source':'s','title':'t'}"),
                reader);

        assertThat(incident.id()).isEqualTo(UUID.fromString("6f9619ff-8b86-d011-b42d-00c04fc964ff"));
        assertThat(ids.calls).isZero();
    }

    @Test
    void updated_at_defaults_to_created_at_when_only_that_is_given() {
        Incident incident = readIncident(
                q("{'severity':'P2','source':'s','title':'t'," + "'created_at':'2024-01-01T00:00:00Z'}"), reader);

        assertThat(incident.updatedAt()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Test
    void nested_records_take_their_own_defaults() {
        Incident incident = readIncident(
                q("{'id':'6f9619ff-8b86-d011-b42d-00c04fc964ff','severity':'P2',"
                        + "'source':'s','title':'t','resolution':{'resolution_method':'Manual'},"
                        + "'timeline':[{}],'notes':[{'content':'looking'}]}"),
                reader);

        assertThat(incident.resolution().resolvedAt()).isEqualTo(NOW);
        assertThat(incident.resolution().resolvedBy()).isEmpty();
        assertThat(incident.resolution().rootCause()).isNull();
        assertThat(incident.timeline().get(0).timestamp()).isEqualTo(NOW);
        assertThat(incident.timeline().get(0).metadata()).isEmpty();
        assertThat(incident.notes().get(0).id()).isEqualTo(CountingIds.nth(1));
        assertThat(incident.notes().get(0).createdAt()).isEqualTo(NOW);
        assertThat(ids.calls).isEqualTo(1);
    }

    @Test
    void an_alert_with_only_its_required_fields_takes_every_default() {
        Alert alert = readAlert(q("{'severity':'P3','source':'alertmanager','title':'HighLatency'}"), reader);

        assertThat(alert.id()).isEqualTo(CountingIds.nth(1));
        assertThat(alert.timestamp()).isEqualTo(NOW);
        assertThat(alert.receivedAt()).isEqualTo(NOW);
        assertThat(alert.alertType()).isEqualTo(IncidentType.UNKNOWN);
        assertThat(alert.externalId()).isEmpty();
        assertThat(alert.description()).isEmpty();
        assertThat(alert.labels()).isEmpty();
        assertThat(alert.affectedServices()).isEmpty();
        assertThat(alert.annotations()).isEmpty();
        assertThat(alert.runbookUrl()).isNull();
        assertThat(alert.incidentId()).isNull();
        assertThat(alert.parentAlertId()).isNull();
        assertThat(alert.deduplicated()).isFalse();
    }

    @Test
    void an_alert_with_an_id_does_not_call_the_supplier() {
        readAlert(q("{'id':'11111111-2222-3333-4444-555555555555','severity':'P3','source':'s','title':'t'}"), reader);

        assertThat(ids.calls).isZero();
    }

    @Test
    void a_comment_without_a_timestamp_is_stamped_with_the_clock() {
        CommentAdded comment = (CommentAdded) reader.event(
                Json.parse(
                        q("{'event_type':'comment_added'," + "'incident_id':'6f9619ff-8b86-d011-b42d-00c04fc964ff'}")),
                "event");

        assertThat(comment.timestamp()).isEqualTo(NOW);
        assertThat(comment.author()).isEmpty();
        assertThat(comment.comment()).isEmpty();
    }

    @Test
    void a_defaulted_incident_is_written_with_every_field() {
        Incident incident = readIncident(q("{'severity':'P2','source':'s','title':'t'}"), reader);

        assertThat(Codec.fieldNames(Codec.tree(incident))).hasSize(19);
        assertThat(Codec.tree(incident).get("state").textValue()).isEqualTo("Detected");
        assertThat(Codec.tree(incident).get("incident_type").textValue()).isEqualTo("Unknown");
        assertThat(Codec.tree(incident).get("created_at").textValue()).isEqualTo("2024-06-01T08:30:00Z");
    }
}
