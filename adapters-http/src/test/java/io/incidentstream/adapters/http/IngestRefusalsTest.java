package io.incidentstream.adapters.http;

import static io.incidentstream.adapters.http.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.application.IncidentStream;
import io.incidentstream.application.fakes.RecordingChannel;
import io.incidentstream.application.message.Subscribed;
import io.incidentstream.application.port.in.ClientSession;
import io.incidentstream.application.port.in.Publication;
import io.incidentstream.application.port.in.PublishResult;
import io.incidentstream.application.port.in.SubscribeCommand;
import io.incidentstream.application.port.out.EventEncoder;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.filter.Filter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpTester;
import org.junit.jupiter.api.Test;

/** Requests refused for their size or because the stream cannot take them now: 413 and 503. */
class IngestRefusalsTest {

    @Test
    void eventOverMaxEventBytes_is413NamingItsIndex() throws Exception {
        try (TestApi api = TestApi.start()) {
            String big = Bodies.systemEvent("x".repeat(TestApi.SETTINGS.maxEventBytes()));
            String batch = "[" + Bodies.systemEvent("a") + "," + Bodies.systemEvent("b") + "," + big + "]";

            ContentResponse single = api.post("/api/v1/events", big);
            ContentResponse inBatch = api.post("/api/v1/events", batch);

            assertError(single, 413, "EVENT_TOO_LARGE");
            assertError(inBatch, 413, "EVENT_TOO_LARGE");
            JsonNode details = TestApi.json(inBatch).at("/error/details");
            assertThat(details.get("index").intValue()).isEqualTo(2);
            assertThat(details.get("max_event_bytes").intValue()).isEqualTo(TestApi.SETTINGS.maxEventBytes());
            assertThat(TestApi.json(inBatch).at("/error/message").textValue()).contains("[2]");
            assertThat(api.stream.statistics().statistics().lastSeq()).isZero();
        }
    }

    /** Found from outside: an emoji counted as the twelve bytes of an escaped surrogate pair, not its four. */
    @Test
    void eventSize_countsACharacterBeyondTheBmp_asItsFourUtf8Bytes() throws Exception {
        try (TestApi api = TestApi.start()) {
            int max = TestApi.SETTINGS.maxEventBytes();
            String fits = Bodies.systemEvent("\uD83D\uDE00".repeat((max - 300) / 4));
            String over = Bodies.systemEvent("\uD83D\uDE00".repeat(max / 4));

            ContentResponse accepted = api.post("/api/v1/events", fits);
            ContentResponse refused = api.post("/api/v1/events", over);

            assertThat(accepted.getStatus()).as(accepted.getContentAsString()).isEqualTo(202);
            assertError(refused, 413, "EVENT_TOO_LARGE");
            assertThat(TestApi.json(refused).at("/error/details/size_bytes").intValue())
                    .as("the event's JSON in UTF-8")
                    .isBetween(max, max + 300);
        }
    }

    @Test
    void bodyOverMaxRequestBytes_is413_fromContentLength() throws Exception {
        try (TestApi api = TestApi.start()) {
            String body = "[" + String.join(",", java.util.Collections.nCopies(200, Bodies.systemEvent("x"))) + "]";
            assertThat(body.length()).isGreaterThan(TestApi.SETTINGS.maxRequestBytes());

            assertError(api.post("/api/v1/events", body), 413, "PAYLOAD_TOO_LARGE");
            assertThat(api.stream.statistics().statistics().lastSeq()).isZero();
        }
    }

    @Test
    void declaredContentLengthOverLimit_is413_withoutReadingTheBody() throws Exception {
        try (TestApi api = TestApi.start()) {
            HttpTester.Response response = api.raw("POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 999999999\r\n\r\n{");

            assertThat(response.getStatus()).isEqualTo(413);
            assertThat(Errors.code(response.getContent())).isEqualTo("PAYLOAD_TOO_LARGE");
        }
    }

    @Test
    void chunkedBodyGrowingOverLimit_is413() throws Exception {
        try (TestApi api = TestApi.start()) {
            String chunk = "x".repeat(4096);
            StringBuilder request = new StringBuilder("POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            for (int i = 0; i < 5; i++) {
                request.append(Integer.toHexString(chunk.length()))
                        .append("\r\n")
                        .append(chunk)
                        .append("\r\n");
            }
            request.append("0\r\n\r\n");

            HttpTester.Response response = api.raw(request.toString());

            assertThat(response.getStatus()).isEqualTo(413);
            assertThat(Errors.code(response.getContent())).isEqualTo("PAYLOAD_TOO_LARGE");
        }
    }

    @Test
    void batchLargerThanDispatchCapacity_is413BatchTooLarge() throws Exception {
        try (TestApi api = TestApi.start(StreamSettings.defaults().withBroadcastCapacity(1), TestApi.SETTINGS)) {
            String batch = "[" + Bodies.systemEvent("a") + "," + Bodies.systemEvent("b") + "]";

            assertError(api.post("/api/v1/events", batch), 413, "BATCH_TOO_LARGE");
            assertThat(api.stream.statistics().statistics().lastSeq()).isZero();
        }
    }

    @Test
    void fullDispatchQueue_is503Overloaded_withRetryAfter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // The dispatcher encodes an event for the first session it reaches; holding it there keeps
        // the events already admitted counted against broadcast_capacity.
        EventEncoder stalling = event -> {
            awaitUninterruptibly(release);
            return () -> 256;
        };
        IncidentStream stream = TestApi.newStream(StreamSettings.defaults().withBroadcastCapacity(2), stalling);
        try (TestApi api = TestApi.start(stream, TestApi.SETTINGS)) {
            try {
                RecordingChannel channel = new RecordingChannel();
                ClientSession session = stream.sessions().open(channel);
                session.subscribe(new SubscribeCommand("all", Filter.all()));
                channel.nextOf(Subscribed.class);
                PublishResult filling = stream.publisher().publish(List.of(system("1"), system("2")));
                assertThat(filling).isInstanceOf(PublishResult.Accepted.class);

                ContentResponse response = api.post("/api/v1/events", Bodies.systemEvent("one too many"));

                assertError(response, 503, "OVERLOADED");
                assertThat(response.getHeaders().get("Retry-After")).isEqualTo("1");
                assertThat(stream.statistics().statistics().lastSeq()).isEqualTo(2);
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void shuttingDownStream_is503ShuttingDown_withRetryAfter() throws Exception {
        try (TestApi api = TestApi.start()) {
            api.stream.lifecycle().shutdown(Duration.ZERO);

            ContentResponse event = api.post("/api/v1/events", Bodies.systemEvent("late"));
            ContentResponse incident = api.post("/api/v1/incidents", Bodies.incident("P1", "x"));

            assertError(event, 503, "SHUTTING_DOWN");
            assertThat(event.getHeaders().get("Retry-After")).isEqualTo("1");
            assertError(incident, 503, "SHUTTING_DOWN");
            assertThat(api.stream.statistics().statistics().lastSeq()).isZero();
        }
    }

    @Test
    void overloadedResult_mapsTo503_withTheConfiguredRetryAfter() throws Exception {
        HttpSettings settings = TestApi.SETTINGS.withRetryAfterSeconds(7);
        try (TestApi api = TestApi.startWithPublisher(
                publications -> new PublishResult.Rejected(PublishResult.Reason.OVERLOADED, "queue full"), settings)) {

            ContentResponse response = api.post("/api/v1/alerts", Bodies.alert("P1"));

            assertError(response, 503, "OVERLOADED");
            assertThat(response.getHeaders().get("Retry-After")).isEqualTo("7");
            assertThat(TestApi.json(response).at("/error/message").textValue()).isEqualTo("queue full");
        }
    }

    private static Publication system(String message) {
        return Publication.of(new SystemEvent("test", message, Map.of()));
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
