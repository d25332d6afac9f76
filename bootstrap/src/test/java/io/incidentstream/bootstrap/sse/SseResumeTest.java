package io.incidentstream.bootstrap.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Last-Event-ID: <epoch>:<seq>}, as {@code EventSource} sends it on reconnecting: the stream
 * resumes after that event with no duplicate and no hole, even while publishers run; it wins over
 * the query; and a malformed one starts the stream anyway, saying {@code recovered: false}.
 */
@Timeout(60)
class SseResumeTest {

    private static final int EVENTS = 600;

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(Map.of());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void reconnectingWithLastEventId_whilePublishersRun_missesNothingAndRepeatsNothing() throws Exception {
        AtomicInteger published = new AtomicInteger();
        CompletableFuture<Void> publishers = null;
        List<Long> seqs = new ArrayList<>();
        String lastId = null;
        int reconnects = 0;
        // Drop the connection every 100 events or so and come back with the last id seen, as EventSource does.
        while (seqs.size() < EVENTS) {
            try (SseStream sse = SseStream.open(
                    server.port(), "/sse", lastId == null ? Map.of() : Map.of("Last-Event-ID", lastId))) {
                assertThat(sse.status()).isEqualTo(200);
                JsonNode subscribed = sse.subscribed();
                if (lastId != null) {
                    assertThat(subscribed.path("recovered").asBoolean()).isTrue();
                    reconnects++;
                }
                if (publishers == null) {
                    // Live from here: the first stream is subscribed before anything is published.
                    publishers = CompletableFuture.allOf(
                            CompletableFuture.runAsync(() -> publish(published, 0)),
                            CompletableFuture.runAsync(() -> publish(published, 1)));
                }
                for (int i = 0; i < 100 && seqs.size() < EVENTS; i++) {
                    SseStream.Message event;
                    try {
                        event = sse.next("event");
                    } catch (java.io.IOException e) {
                        throw new AssertionError(
                                "after " + reconnects + " reconnects, the stream stopped; got " + seqs, e);
                    }
                    seqs.add(event.json().path("seq").asLong());
                    lastId = event.id();
                }
            }
        }
        publishers.get();
        assertThat(reconnects).isGreaterThanOrEqualTo(5);
        assertThat(seqs)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, EVENTS).boxed().toList());
    }

    @Test
    void lastEventId_winsOverTheQuery() throws Exception {
        String epoch = epochAfterPublishing(3);
        try (SseStream sse = SseStream.open(
                server.port(), "/sse?since=0&epoch=another-epoch", Map.of("Last-Event-ID", epoch + ":1"))) {
            JsonNode subscribed = sse.subscribed();
            assertThat(subscribed.path("recovered").asBoolean()).isTrue();
            assertThat(subscribed.path("replayed").asLong()).isEqualTo(2);
            assertThat(sse.next("event").json().path("seq").asLong()).isEqualTo(2);
            assertThat(sse.next("event").json().path("seq").asLong()).isEqualTo(3);
        }
    }

    @Test
    void queryResume_withSinceAndEpoch_replaysWhatFollows() throws Exception {
        String epoch = epochAfterPublishing(3);
        try (SseStream sse = SseStream.open(server.port(), "/sse?since=2&epoch=" + epoch)) {
            JsonNode subscribed = sse.subscribed();
            assertThat(subscribed.path("recovered").asBoolean()).isTrue();
            assertThat(subscribed.path("replayed").asLong()).isEqualTo(1);
            SseStream.Message replayed = sse.next("event");
            assertThat(replayed.id()).isEqualTo(epoch + ":3");
        }
    }

    @Test
    void malformedLastEventId_isNoError_theStreamStartsUnrecoveredWithTheSnapshotAsked() throws Exception {
        epochAfterPublishing(2);
        for (String malformed : List.of("garbage", "epoch-only:", ":12", "e:-1", "e:1x", "e:99999999999999999999")) {
            try (SseStream sse =
                    SseStream.open(server.port(), "/sse?snapshot=true", Map.of("Last-Event-ID", malformed))) {
                assertThat(sse.status()).as(malformed).isEqualTo(200);
                JsonNode subscribed = sse.subscribed();
                assertThat(subscribed.path("recovered").asBoolean())
                        .as(malformed)
                        .isFalse();
                assertThat(subscribed.path("replayed").asLong()).isZero();
                assertThat(sse.next("snapshot").json().path("last").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void lastEventId_fromAnotherEpoch_isNotRecovered() throws Exception {
        epochAfterPublishing(2);
        try (SseStream sse = SseStream.open(server.port(), "/sse", Map.of("Last-Event-ID", "gone-epoch:1"))) {
            JsonNode subscribed = sse.subscribed();
            assertThat(subscribed.path("recovered").asBoolean()).isFalse();
            server.publishSystem(3, "normal");
            assertThat(sse.next("event").json().path("seq").asLong()).isEqualTo(3);
        }
    }

    /** Publishes {@code count} events and returns the stream's epoch, read from a welcome. */
    private String epochAfterPublishing(int count) throws Exception {
        for (int i = 1; i <= count; i++) {
            server.publishSystem(i, "normal");
        }
        try (SseStream sse = SseStream.open(server.port(), "/sse")) {
            sse.next(Duration.ofSeconds(5));
            return sse.next("welcome").json().path("epoch").asText();
        }
    }

    private void publish(AtomicInteger published, int publisher) {
        try {
            for (int n = published.incrementAndGet(); n <= EVENTS; n = published.incrementAndGet()) {
                server.publishSystem(n, n % 7 == 0 ? "low" : "normal");
            }
        } catch (Exception e) {
            throw new IllegalStateException("publisher " + publisher + " failed", e);
        }
    }
}
