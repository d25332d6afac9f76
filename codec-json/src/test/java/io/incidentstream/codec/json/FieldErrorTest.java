package io.incidentstream.codec.json;

import static io.incidentstream.codec.json.Codec.q;
import static io.incidentstream.codec.json.Codec.readEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every refusal names the offending field by its dotted path and says what was wrong with it. */
class FieldErrorTest {

    private static final String ID = "6f9619ff-8b86-d011-b42d-00c04fc964ff";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            missing severity       | {'event_type':'incident_created','incident':{'source':'s','title':'t'}}                           | event.incident.severity | missing required field 'event.incident.severity'
            null severity          | {'event_type':'incident_created','incident':{'severity':null,'source':'s','title':'t'}}           | event.incident.severity | missing required field 'event.incident.severity'
            missing source         | {'event_type':'incident_created','incident':{'severity':'P1','title':'t'}}                        | event.incident.source   | missing required field 'event.incident.source'
            missing title          | {'event_type':'incident_created','incident':{'severity':'P1','source':'s'}}                       | event.incident.title    | missing required field 'event.incident.title'
            missing incident       | {'event_type':'incident_created'}                                                                   | event.incident          | missing required field 'event.incident'
            incident not an object | {'event_type':'incident_created','incident':'inc-1'}                                                | event.incident          | event.incident must be a JSON object, got a string
            severity a number      | {'event_type':'incident_created','incident':{'severity':0,'source':'s','title':'t'}}              | event.incident.severity | event.incident.severity must be a string, got a number
            lower-case severity    | {'event_type':'incident_created','incident':{'severity':'p0','source':'s','title':'t'}}           | event.incident.severity | event.incident.severity has unknown value 'p0' (expected one of P0, P1, P2, P3, P4)
            priority as severity   | {'event_type':'incident_created','incident':{'severity':'critical','source':'s','title':'t'}}     | event.incident.severity | event.incident.severity has unknown value 'critical' (expected one of P0, P1, P2, P3, P4)
            lower-case state       | {'event_type':'incident_created','incident':{'severity':'P1','source':'s','title':'t','state':'detected'}} | event.incident.state | event.incident.state has unknown value 'detected' (expected one of Detected, Triaged, Investigating, Remediating, Resolved, Closed)
            unknown incident type  | {'event_type':'incident_created','incident':{'severity':'P1','source':'s','title':'t','incident_type':'Network'}} | event.incident.incident_type | has unknown value 'Network'
            empty source           | {'event_type':'incident_created','incident':{'severity':'P1','source':'','title':'t'}}            | event.incident.source   | event.incident.source must be 1 to 255 characters long, was 0
            empty title            | {'event_type':'incident_created','incident':{'severity':'P1','source':'s','title':''}}            | event.incident.title    | event.incident.title must be 1 to 500 characters long, was 0
            source a number        | {'event_type':'incident_created','incident':{'severity':'P1','source':7,'title':'t'}}             | event.incident.source   | event.incident.source must be a string, got a number
            labels an array        | {'event_type':'incident_created','incident':{'severity':'P1','source':'s','title':'t','labels':['a']}} | event.incident.labels | event.incident.labels must be a JSON object, got an array
            label value a number   | {'event_type':'incident_created','incident':{'severity':'P1','source':'s','title':'t','labels':{'team':1}}} | event.incident.labels.team | event.incident.labels.team must be a string, got a number
            resources a string     | {'event_type':'incident_created','incident':{'severity':'P1','source':'s','title':'t','affected_resources':'db'}} | event.incident.affected_resources | event.incident.affected_resources must be an array, got a string
            resource a null        | {'event_type':'incident_created','incident':{'severity':'P1','source':'s','title':'t','affected_resources':['db',null]}} | event.incident.affected_resources[1] | event.incident.affected_resources[1] must be a string, got null
            score a string         | {'event_type':'incident_created','incident':{'severity':'P1','source':'s','title':'t','correlation_score':'high'}} | event.incident.correlation_score | event.incident.correlation_score must be a number, got a string
            score out of range     | {'event_type':'incident_created','incident':{'severity':'P1','source':'s','title':'t','correlation_score':1e400}} | event.incident.correlation_score | event.incident.correlation_score must be a finite number
            bad resolution method  | {'event_type':'incident_resolved','incident':{'severity':'P1','source':'s','title':'t','resolution':{'resolution_method':'auto'}}} | event.incident.resolution.resolution_method | event.incident.resolution.resolution_method has unknown value 'auto' (expected one of Automated, Manual, AutoAssistedManual)
            missing method         | {'event_type':'incident_resolved','incident':{'severity':'P1','source':'s','title':'t','resolution':{}}} | event.incident.resolution.resolution_method | missing required field 'event.incident.resolution.resolution_method'
            timeline not a list    | {'event_type':'incident_created','incident':{'severity':'P1','source':'s','title':'t','timeline':{}}} | event.incident.timeline | event.incident.timeline must be an array, got an object
            timeline bad timestamp | {'event_type':'incident_created','incident':{'severity':'P1','source':'s','title':'t','timeline':[{},{'timestamp':'noon'}]}} | event.incident.timeline[1].timestamp | event.incident.timeline[1].timestamp must be an RFC 3339 timestamp with an offset, got 'noon'
            metadata an array      | {'event_type':'incident_created','incident':{'severity':'P1','source':'s','title':'t','timeline':[{'metadata':[1]}]}} | event.incident.timeline[0].metadata | event.incident.timeline[0].metadata must be a JSON object, got an array
            note not an object     | {'event_type':'incident_created','incident':{'severity':'P1','source':'s','title':'t','notes':['hi']}} | event.incident.notes[0] | event.incident.notes[0] must be a JSON object, got a string
            note bad id            | {'event_type':'incident_created','incident':{'severity':'P1','source':'s','title':'t','notes':[{'id':'n-1'}]}} | event.incident.notes[0].id | event.incident.notes[0].id must be a UUID, got 'n-1'
            bad previous state     | {'event_type':'incident_updated','previous_state':'Open','incident':{'severity':'P1','source':'s','title':'t'}} | event.previous_state | event.previous_state has unknown value 'Open'
            alert missing severity | {'event_type':'alert_received','alert':{'source':'s','title':'t'}}                                 | event.alert.severity    | missing required field 'event.alert.severity'
            alert dedup a string   | {'event_type':'alert_received','alert':{'severity':'P1','source':'s','title':'t','deduplicated':'yes'}} | event.alert.deduplicated | event.alert.deduplicated must be a boolean, got a string
            alert empty source     | {'event_type':'alert_received','alert':{'severity':'P1','source':'','title':'t'}}                 | event.alert.source      | event.alert.source must be 1 to 255 characters long, was 0
            converted without id   | {'event_type':'alert_converted','alert':{'severity':'P1','source':'s','title':'t'}}               | event.incident_id       | missing required field 'event.incident_id'
            escalated to critical  | {'event_type':'escalated','incident_id':'%1$s','from_severity':'P2','to_severity':'critical'}     | event.to_severity       | event.to_severity has unknown value 'critical'
            escalated bad id       | {'event_type':'escalated','incident_id':'1-1-1-1-1','from_severity':'P2','to_severity':'P1'}      | event.incident_id       | event.incident_id must be a UUID, got '1-1-1-1-1'
            actions not integral   | {'event_type':'playbook_completed','incident_id':'%1$s','playbook_id':'%1$s','success':true,'actions_executed':2.5} | event.actions_executed | event.actions_executed must be an integer, got a number
            actions negative       | {'event_type':'playbook_completed','incident_id':'%1$s','playbook_id':'%1$s','success':true,'actions_executed':-1} | event.actions_executed | event.actions_executed must not be negative
            success a string       | {'event_type':'notification_sent','incident_id':'%1$s','success':'true'}                          | event.success           | event.success must be a boolean, got a string
            missing success        | {'event_type':'notification_sent','incident_id':'%1$s'}                                           | event.success           | missing required field 'event.success'
            assignees not a list   | {'event_type':'assignment_changed','incident_id':'%1$s','assignees':'alice'}                      | event.assignees         | event.assignees must be an array, got a string
            metadata not strings   | {'event_type':'system_event','metadata':{'node':{'name':'n1'}}}                                   | event.metadata.node     | event.metadata.node must be a string, got an object
            missing event type     | {'incident':{'severity':'P1','source':'s','title':'t'}}                                           | event.event_type        | missing required field 'event.event_type'
            event type a number    | {'event_type':3}                                                                                   | event.event_type        | event.event_type must be a string, got a number
            """)
    void a_bad_field_is_named_by_its_dotted_path(String what, String json, String field, String message) {
        InvalidJsonException e =
                catchThrowableOfType(InvalidJsonException.class, () -> readEvent(q(json.formatted(ID))));

        assertThat(e).as(what).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e).hasMessageContaining(message);
    }
}
