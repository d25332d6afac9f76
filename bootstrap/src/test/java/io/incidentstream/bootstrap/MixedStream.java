package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The mixed stream of the scope tests, published over HTTP in two phases: incidents, alerts and
 * events about incidents of several sources and severities, some changing what an incident is
 * about, alerts joined to incidents of another source or severity, with system events and events
 * about unknown incidents among them. The {@link ScopeModel}
 * keeps what was published, with the seq each event got.
 */
final class MixedStream {

    final ScopeModel model = new ScopeModel();
    private final int port;
    private final String apiKey;
    private final String[] ids = {id(), id(), id(), id(), id(), id()};

    MixedStream(int port, String apiKey) {
        this.port = port;
        this.apiKey = apiKey;
    }

    /** Both phases, each followed by a marker: the whole stream. */
    void all() throws Exception {
        phase1();
        marker();
        phase2();
        marker();
    }

    void phase1() throws Exception {
        String i1 = ids[0];
        String i2 = ids[1];
        String i3 = ids[2];
        String i4 = ids[3];
        String i5 = ids[4];
        String i6 = ids[5];
        publish("["
                + String.join(
                        ",",
                        model.incidentCreated(i1, "payments", "P2"),
                        model.incidentCreated(i2, "checkout", "P1"),
                        model.incidentCreated(i3, "payments", "P0"),
                        model.incidentCreated(i4, "search", "P3"))
                + "]");
        publishAlert("payments", "P3");
        publish("["
                + String.join(
                        ",",
                        model.alertReceived("search", "P0"),
                        model.alertReceived("checkout", "P4"),
                        model.escalated(i1, "P2", "P0"),
                        model.escalated(i4, "P3", "P1"),
                        model.about("comment_added", i2),
                        model.about("comment_added", i4),
                        model.about("assignment_changed", i3),
                        model.systemEvent(),
                        model.about("playbook_started", id()),
                        model.incidentChanged("incident_resolved", i2, "checkout", "P1", "Resolved"),
                        model.incidentChanged("incident_updated", i1, "payments", "P3", "Investigating"),
                        model.about("comment_added", i1),
                        model.about("notification_sent", i4),
                        model.escalated(i2, "P1", "P3"),
                        // Alerts joined to incidents: each scope sees the alert, but not always the incident.
                        model.alertConverted(i2, "payments", "P3"),
                        model.alertConverted(i1, "checkout", "P0"),
                        model.alertConverted(i4, "checkout", "P0"))
                + "]");
        publishIncident(i5, "checkout", "P4");
        publish("[" + String.join(",", model.about("comment_added", i5), model.incidentCreated(i6, "payments", "P1"))
                + "]");
    }

    void phase2() throws Exception {
        publish("["
                + String.join(
                        ",",
                        model.about("comment_added", ids[2]),
                        model.escalated(ids[4], "P4", "P0"),
                        model.alertReceived("payments", "P4"),
                        model.systemEvent(),
                        model.incidentChanged("incident_closed", ids[3], "search", "P1", "Closed"),
                        model.incidentChanged("incident_updated", ids[2], "payments", "P2", "Remediating"),
                        model.about("assignment_changed", ids[0]),
                        model.about("comment_added", id()),
                        model.alertConverted(ids[1], "payments", "P3"),
                        model.alertConverted(ids[0], "checkout", "P1"),
                        model.alertConverted(ids[5], "payments", "P1"),
                        model.alertConverted(id(), "payments", "P0"))
                + "]");
        publishAlert("checkout", "P1");
    }

    /** An incident both scopes see (payments, P0), published last so that each reader knows it has seen all. */
    long marker() throws Exception {
        publish(model.incidentCreated(id(), "payments", "P0"));
        return model.lastSeq();
    }

    void publish(String body) throws Exception {
        RawWire.Response response = post("/api/v1/events", body);
        JsonNode seqs = response.json().path("seqs");
        model.sequenced(seqs);
    }

    private void publishIncident(String id, String source, String severity) throws Exception {
        post("/api/v1/incidents", ScopeModel.incident(id, source, severity, null));
        model.sequencedSingle(
                new ScopeModel.Pending(
                        model.known(id),
                        new ScopeModel.Attrs(source, severity),
                        id,
                        new ScopeModel.Attrs(source, severity)),
                lastSeqFromStats());
    }

    private void publishAlert(String source, String severity) throws Exception {
        post("/api/v1/alerts", "{\"source\":\"" + source + "\",\"severity\":\"" + severity + "\",\"title\":\"alert\"}");
        ScopeModel.Attrs attrs = new ScopeModel.Attrs(source, severity);
        model.sequencedSingle(new ScopeModel.Pending(attrs, attrs, null, null), lastSeqFromStats());
    }

    private RawWire.Response post(String path, String body) throws Exception {
        RawWire.Response response = RawWire.request(
                port,
                "POST " + path,
                List.of("Authorization: Bearer " + apiKey, "Content-Type: application/json"),
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(path + " " + body + " -> " + response).isEqualTo(202);
        return response;
    }

    private long lastSeqFromStats() throws Exception {
        RawWire.Response stats =
                RawWire.request(port, "GET /api/v1/stats", List.of("Authorization: Bearer " + apiKey), null);
        assertThat(stats.status()).isEqualTo(200);
        return stats.json().path("last_seq").asLong();
    }

    static String id() {
        return UUID.randomUUID().toString();
    }
}
