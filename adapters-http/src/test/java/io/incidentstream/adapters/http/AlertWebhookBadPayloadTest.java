package io.incidentstream.adapters.http;

import static io.incidentstream.adapters.http.Errors.assertError;
import static io.incidentstream.adapters.http.Payloads.WEBHOOK;
import static io.incidentstream.adapters.http.Payloads.alert;
import static io.incidentstream.adapters.http.Payloads.notification;
import static io.incidentstream.adapters.http.Payloads.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.application.fakes.RecordingChannel;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.event.AlertReceived;
import java.util.Collections;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed notifications get a precise 400 or 413, naming the field, and publish nothing; the
 * server takes the next good notification as if nothing had happened.
 */
@Timeout(60)
class AlertWebhookBadPayloadTest {

    private static final String FIRING = read("alertmanager-firing.json");

    @RegisterExtension
    final TestApi api = TestApi.perTest(
            StreamSettings.defaults(), HttpSettings.defaults("1.2.3-test").withMaxEventBytes(8192));

    private RecordingChannel subscriber;

    @BeforeEach
    void subscribe() {
        subscriber = api.subscribeToAll();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "wrong version            | \"version\": \"4\"                         | \"version\": \"3\"                  | version",
                "version a number         | \"version\": \"4\"                         | \"version\": 4                      | version",
                "no version               | \"version\": \"4\",                        | ''                                  | version",
                "payload status pending   | \"status\": \"firing\"                   | \"status\": \"pending\"            | status",
                "no fingerprint           | \"fingerprint\": \"7c1e4a9f02b3d568\"      | \"fp\": \"7c1e4a9f02b3d568\"        | alerts[0].fingerprint",
                "empty fingerprint        | \"fingerprint\": \"7c1e4a9f02b3d568\"      | \"fingerprint\": \"\"               | alerts[0].fingerprint",
                "labels not an object     | \"labels\": {                              | \"labels\": [], \"x\": {           | alerts[0].labels",
                "startsAt without offset  | 2026-12-04T14:03:11.482193765Z            | 2026-12-04T14:03:11.482193765     | alerts[0].startsAt",
                "startsAt with a space    | 2026-12-04T14:03:11.482193765Z            | 2026-12-04 14:03:11Z              | alerts[0].startsAt",
                "endsAt not a timestamp   | 0001-01-01T00:00:00Z                      | yesterday                         | alerts[0].endsAt",
                "alerts not an array      | \"alerts\": [                              | \"alerts\": \"none\", \"was\": [   | alerts"
            })
    void malformed_is400InvalidNotification_namingTheField_andPublishesNothing(
            String name, String replace, String with, String field) throws Exception {
        // The first occurrence: the payload's own status comes before its alerts'.
        String body = FIRING.replaceFirst(
                java.util.regex.Pattern.quote(replace), java.util.regex.Matcher.quoteReplacement(with));
        assertThat(body).as("the test changes the payload").isNotEqualTo(FIRING);

        ContentResponse response = api.post(WEBHOOK, body);

        assertError(response, 400, "INVALID_NOTIFICATION");
        assertThat(TestApi.json(response).at("/error/details/field").textValue())
                .isEqualTo(field);
        assertNothingPublished_andTheServerCarriesOn();
    }

    @Test
    void alertStatusOtherThanFiringOrResolved_is400NamingIt() throws Exception {
        String body = notification(
                "firing", alert("a1"), alert("a2").replace("\"status\":\"firing\"", "\"status\":\"FIRING\""));

        ContentResponse response = api.post(WEBHOOK, body);

        assertError(response, 400, "INVALID_NOTIFICATION");
        assertThat(TestApi.json(response).at("/error/details/field").textValue())
                .isEqualTo("alerts[1].status");
        assertThat(TestApi.json(response).at("/error/message").textValue())
                .isEqualTo("alerts[1].status must be \"firing\" or \"resolved\", got \"FIRING\"");
        assertNothingPublished_andTheServerCarriesOn();
    }

    @Test
    void alertWithoutLabels_is400NamingIt() throws Exception {
        String body = notification("firing", alert("a1"), alert("a2").replace("\"labels\":{\"alertname\":\"A\"},", ""));

        ContentResponse response = api.post(WEBHOOK, body);

        assertError(response, 400, "INVALID_NOTIFICATION");
        assertThat(TestApi.json(response).at("/error/details/field").textValue())
                .isEqualTo("alerts[1].labels");
        assertThat(TestApi.json(response).at("/error/message").textValue())
                .isEqualTo("missing required field 'alerts[1].labels'");
        assertNothingPublished_andTheServerCarriesOn();
    }

    @Test
    void labelValueNotAString_is400NamingIt() throws Exception {
        ContentResponse response = api.post(WEBHOOK, FIRING.replace("\"severity\": \"critical\"", "\"severity\": 1"));

        assertError(response, 400, "INVALID_NOTIFICATION");
        assertThat(TestApi.json(response).at("/error/details/field").textValue())
                .isEqualTo("alerts[0].labels.severity");
        assertNothingPublished_andTheServerCarriesOn();
    }

    @Test
    void notJson_is400InvalidJson() throws Exception {
        assertError(api.post(WEBHOOK, "receiver=incident-stream&status=firing"), 400, "INVALID_JSON");
        assertError(api.post(WEBHOOK, FIRING.substring(0, FIRING.length() / 2)), 400, "INVALID_JSON");
        assertError(api.post(WEBHOOK, "[" + FIRING + "]"), 400, "INVALID_NOTIFICATION");
        assertNothingPublished_andTheServerCarriesOn();
    }

    @Test
    void tenThousandAlerts_is413TooManyAlerts_andPublishesNothing() throws Exception {
        String body =
                notification("firing", Collections.nCopies(10_000, alert("a1")).toArray(String[]::new));

        ContentResponse response = api.post(WEBHOOK, body);

        assertError(response, 413, "TOO_MANY_ALERTS");
        JsonNode details = TestApi.json(response).at("/error/details");
        assertThat(details.get("alerts").intValue()).isEqualTo(10_000);
        assertThat(details.get("max_alerts").intValue()).isEqualTo(1000);
        assertNothingPublished_andTheServerCarriesOn();
    }

    @Test
    void alertWhoseEventIsOverMaxEventBytes_is413EventTooLarge_namingTheAlert() throws Exception {
        String huge = alert("a2")
                .replace("\"annotations\":{}", "\"annotations\":{\"description\":\"" + "x".repeat(9000) + "\"}");

        ContentResponse response = api.post(WEBHOOK, notification("firing", alert("a1"), huge));

        assertError(response, 413, "EVENT_TOO_LARGE");
        assertThat(TestApi.json(response).at("/error/details/field").textValue())
                .isEqualTo("alerts[1]");
        assertThat(TestApi.json(response).at("/error/details/max_event_bytes").intValue())
                .isEqualTo(8192);
        assertNothingPublished_andTheServerCarriesOn();
    }

    @Test
    void bodyOverMaxRequestBytes_is413PayloadTooLarge() throws Exception {
        try (TestApi small = TestApi.start()) {
            String body =
                    notification("firing", Collections.nCopies(200, alert("a1")).toArray(String[]::new));
            assertThat(body.length()).isGreaterThan(TestApi.SETTINGS.maxRequestBytes());

            assertError(small.post(WEBHOOK, body), 413, "PAYLOAD_TOO_LARGE");
            assertThat(small.stream.statistics().statistics().lastSeq()).isZero();
        }
    }

    @Test
    void notSentAsJson_is415_andGet_is405() throws Exception {
        assertError(api.post(WEBHOOK, "text/plain", FIRING), 415, "UNSUPPORTED_MEDIA_TYPE");
        ContentResponse get = api.request("GET", WEBHOOK);
        assertError(get, 405, "METHOD_NOT_ALLOWED");
        assertThat(get.getHeaders().get("Allow")).isEqualTo("POST");
        assertNothingPublished_andTheServerCarriesOn();
    }

    private void assertNothingPublished_andTheServerCarriesOn() throws Exception {
        assertThat(api.stream.statistics().statistics().lastSeq())
                .as("nothing published")
                .isZero();
        ContentResponse good = api.post(WEBHOOK, FIRING);
        assertThat(good.getStatus()).as(good.getContentAsString()).isEqualTo(200);
        assertThat(TestApi.json(good).get("incidents_opened").intValue())
                .as("the refused notification left no episode behind")
                .isEqualTo(1);
        // The subscriber's first event is the good notification's: the refused one reached nobody.
        EventMessage first = subscriber.nextOf(EventMessage.class);
        assertThat(first.event().seq()).isEqualTo(1);
        assertThat(first.event().event()).isInstanceOf(AlertReceived.class);
        assertThat(((AlertReceived) first.event().event()).alert().externalId()).isEqualTo("7c1e4a9f02b3d568");
    }
}
