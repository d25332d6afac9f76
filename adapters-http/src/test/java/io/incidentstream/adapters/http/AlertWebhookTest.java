package io.incidentstream.adapters.http;

import static io.incidentstream.adapters.http.Payloads.WEBHOOK;
import static io.incidentstream.adapters.http.Payloads.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.application.fakes.RecordingChannel;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.domain.event.AlertConverted;
import io.incidentstream.domain.event.AlertReceived;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.event.IncidentResolved;
import io.incidentstream.domain.model.Alert;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.ResolutionMethod;
import io.incidentstream.domain.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /api/v1/integrations/alertmanager} with the payloads Alertmanager and Grafana send:
 * firing, repeated, resolved, grouped, with and without {@code severity}; what a subscriber receives.
 */
@Timeout(30)
class AlertWebhookTest {

    @RegisterExtension
    final TestApi api = TestApi.perTest(
            io.incidentstream.application.settings.StreamSettings.defaults(),
            TestApi.SETTINGS.withMaxEventBytes(64 * 1024).withMaxRequestBytes(1024 * 1024));

    private RecordingChannel subscriber;

    @BeforeEach
    void subscribe() {
        subscriber = api.subscribeToAll();
    }

    @Test
    void alertmanagerFiring_is200WithTheCounts_andOpensAnIncidentCarryingWhatAResponderNeeds() throws Exception {
        ContentResponse response = api.post(WEBHOOK, read("alertmanager-firing.json"));

        assertAnswer(response, 1, 1, 0, 0);
        AlertReceived received = (AlertReceived) next();
        Incident incident = ((IncidentCreated) next()).incident();
        AlertConverted converted = (AlertConverted) next();
        Alert alert = received.alert();
        assertThat(alert.externalId()).isEqualTo("7c1e4a9f02b3d568");
        assertThat(alert.source()).isEqualTo("alertmanager");
        assertThat(alert.timestamp()).isEqualTo(Instant.parse("2026-12-04T14:03:11.482193765Z"));
        assertThat(alert.runbookUrl()).isEqualTo("https://runbooks.example.org/checkout/errors");
        assertThat(alert.deduplicated()).isFalse();
        assertThat(alert.incidentId()).isEqualTo(incident.id());
        assertThat(incident.title()).isEqualTo("Checkout answers 5xx to 7% of requests");
        assertThat(incident.severity()).isEqualTo(Severity.P1);
        assertThat(incident.fingerprint()).isEqualTo("7c1e4a9f02b3d568");
        assertThat(incident.affectedResources()).containsExactly("checkout", "checkout-api", "10.2.0.14:8080", "shop");
        assertThat(incident.labels()).containsEntry("team", "payments");
        assertThat(incident.description())
                .contains("Error ratio over 5 minutes")
                .contains("https://runbooks.example.org/checkout/errors")
                .contains("http://prometheus.example.org:9090/graph?g0.expr=checkout_error_ratio");
        assertThat(converted.incidentId()).isEqualTo(incident.id());
        assertThat(api.stream.incidents().incident(incident.id())).isPresent();
    }

    @Test
    void theSameNotificationTwice_opensOneIncident_theSecondIsDeduplicated() throws Exception {
        api.post(WEBHOOK, read("alertmanager-firing.json"));
        Incident incident = ((IncidentCreated) events(3).get(1)).incident();

        ContentResponse again = api.post(WEBHOOK, read("alertmanager-firing.json"));

        assertAnswer(again, 1, 0, 0, 1);
        Alert repeat = ((AlertReceived) next()).alert();
        assertThat(repeat.deduplicated()).isTrue();
        assertThat(repeat.incidentId()).isEqualTo(incident.id());
        assertThat(api.stream.statistics().statistics().lastSeq()).isEqualTo(4);
    }

    @Test
    void theSameNotificationPostedEightTimesAtOnce_opensOneIncident() throws Exception {
        int senders = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(senders);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<ContentResponse>> responses = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                responses.add(pool.submit(() -> {
                    go.await();
                    return api.post(WEBHOOK, read("alertmanager-firing.json"));
                }));
            }
            go.countDown();
            int opened = 0;
            int deduplicated = 0;
            for (java.util.concurrent.Future<ContentResponse> response : responses) {
                JsonNode answer = TestApi.json(response.get(20, java.util.concurrent.TimeUnit.SECONDS));
                opened += answer.get("incidents_opened").intValue();
                deduplicated += answer.get("deduplicated").intValue();
            }

            assertThat(opened).isEqualTo(1);
            assertThat(deduplicated).isEqualTo(senders - 1);
            List<Event> events = events(senders + 2);
            assertThat(events).filteredOn(IncidentCreated.class::isInstance).hasSize(1);
            assertThat(events).filteredOn(AlertReceived.class::isInstance).hasSize(senders);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void alertmanagerResolved_resolvesTheIncident_once() throws Exception {
        api.post(WEBHOOK, read("alertmanager-firing.json"));
        Incident opened = ((IncidentCreated) events(3).get(1)).incident();

        assertAnswer(api.post(WEBHOOK, read("alertmanager-resolved.json")), 1, 0, 1, 0);

        assertThat(next()).isInstanceOf(AlertReceived.class);
        Incident resolved = ((IncidentResolved) next()).incident();
        assertThat(resolved.id()).isEqualTo(opened.id());
        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(resolved.resolution().resolutionMethod()).isEqualTo(ResolutionMethod.AUTOMATED);
        assertThat(resolved.resolution().resolvedBy()).isEqualTo("alertmanager");
        assertThat(resolved.resolution().resolvedAt()).isEqualTo(Instant.parse("2026-12-04T14:21:41.009Z"));
        assertThat(api.stream.incidents().incident(opened.id()).orElseThrow().state())
                .isEqualTo(IncidentState.RESOLVED);
        long seq = api.stream.statistics().statistics().lastSeq();

        assertAnswer(api.post(WEBHOOK, read("alertmanager-resolved.json")), 1, 0, 0, 0);
        assertAnswer(api.post(WEBHOOK, read("alertmanager-firing.json")), 1, 0, 0, 1);
        assertThat(api.stream.statistics().statistics().lastSeq())
                .as("a late firing is only the alert")
                .isEqualTo(seq + 1);
        assertThat(api.stream.incidents().incident(opened.id()).orElseThrow().state())
                .as("not reopened")
                .isEqualTo(IncidentState.RESOLVED);
    }

    @Test
    void groupedNotification_withAndWithoutSeverity_oneIncidentPerFiringAlert_theResolvedOneOnlyPublished()
            throws Exception {
        assertAnswer(api.post(WEBHOOK, read("alertmanager-grouped.json")), 3, 2, 0, 0);

        List<Event> events = events(7);
        assertThat(events)
                .extracting(e -> e.type().wire())
                .containsExactly(
                        "alert_received",
                        "incident_created",
                        "alert_converted",
                        "alert_received",
                        "incident_created",
                        "alert_converted",
                        "alert_received");
        Incident warning = ((IncidentCreated) events.get(1)).incident();
        Incident unlabelled = ((IncidentCreated) events.get(4)).incident();
        assertThat(warning.severity()).isEqualTo(Severity.P3);
        assertThat(warning.title()).isEqualTo("db-1 root disk will be full within 6 hours");
        assertThat(warning.affectedResources()).containsExactly("node", "db-1:9100");
        assertThat(unlabelled.severity()).as("no severity label").isEqualTo(Severity.P3);
        assertThat(unlabelled.title()).as("no summary: the alertname").isEqualTo("NodeDiskFilling");
        Alert resolvedAlone = ((AlertReceived) events.get(6)).alert();
        assertThat(resolvedAlone.severity()).isEqualTo(Severity.P4);
        assertThat(resolvedAlone.incidentId()).isNull();
    }

    @Test
    void grafanaNotification_isFromGrafana_itsExtraFieldsIgnored_andResolves() throws Exception {
        assertAnswer(api.post(WEBHOOK, read("grafana-firing.json")), 1, 1, 0, 0);
        List<Event> opened = events(3);
        Incident incident = ((IncidentCreated) opened.get(1)).incident();
        assertThat(incident.source()).isEqualTo("grafana");
        assertThat(incident.severity()).isEqualTo(Severity.P2);
        assertThat(incident.fingerprint()).isEqualTo("e3a4b5c6d7e8f901");
        assertThat(incident.affectedResources()).containsExactly("ledger");

        assertAnswer(api.post(WEBHOOK, read("grafana-resolved.json")), 1, 0, 1, 0);

        assertThat(next()).isInstanceOf(AlertReceived.class);
        Incident resolved = ((IncidentResolved) next()).incident();
        assertThat(resolved.resolution().resolvedBy()).isEqualTo("grafana");
        assertThat(resolved.resolution().resolvedAt()).isEqualTo(Instant.parse("2026-12-04T13:32:00Z"));
    }

    @Test
    void grafanaUserAgent_withoutOrgId_isFromGrafanaToo() throws Exception {
        String body = read("grafana-firing.json").replace("\"orgId\": 1,", "");
        ContentResponse response = api.client()
                .newRequest(api.uri(WEBHOOK))
                .method("POST")
                .agent("Grafana/11.3.0")
                .body(new org.eclipse.jetty.client.StringRequestContent("application/json", body))
                .send();

        assertAnswer(response, 1, 1, 0, 0);
        assertThat(((AlertReceived) next()).alert().source()).isEqualTo("grafana");
    }

    private static void assertAnswer(ContentResponse response, int alerts, int opened, int resolved, int deduplicated) {
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        assertThat(response.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        JsonNode answer = TestApi.json(response);
        assertThat(answer.get("alerts").intValue()).isEqualTo(alerts);
        assertThat(answer.get("incidents_opened").intValue()).isEqualTo(opened);
        assertThat(answer.get("incidents_resolved").intValue()).isEqualTo(resolved);
        assertThat(answer.get("deduplicated").intValue()).isEqualTo(deduplicated);
        assertThat(answer.size()).isEqualTo(4);
    }

    private Event next() {
        return subscriber.nextOf(EventMessage.class).event().event();
    }

    private List<Event> events(int count) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(next());
        }
        return events;
    }
}
