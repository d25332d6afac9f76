package io.incidentstream.bootstrap.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stream whose client stops reading is handled as on {@code /ws}: events give way and a {@code gap}
 * event stands where they stood; a client that never reads again has its stream ended by the write
 * timeout. A client reading beside it receives everything, with no gap.
 */
@Timeout(120)
class SseSlowConsumerTest {

    /** Large events fill the socket buffers quickly, so the queue behind them fills too. */
    private static final String PADDING = "x".repeat(16_000);

    private static final int BATCH = 20;

    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void clientThatStopsReading_getsAGap_thenHasItsStreamEnded_whileAnotherReceivesEverything() throws Exception {
        // The queue bound is what the slow client overruns; it is also the healthy client's headroom when the
        // machine is busy and its reader thread gets no CPU for a moment (20 events of 16 KB gave it a gap then).
        server = new TestServer(
                Map.of("max_pending_messages", "200", "max_pending_bytes", "8388608", "write_timeout_ms", "4000"));
        try (SseStream slow = open();
                SseStream healthy = open()) {
            List<Long> healthySeqs = new ArrayList<>();
            CompletableFuture<Void> healthyReader = CompletableFuture.runAsync(() -> readAll(healthy, healthySeqs));

            // The slow client reads nothing while events pile up, until some of them have given way.
            int published = 0;
            while (server.metric("websocket_events_dropped_total", "priority=\"low\"") == 0) {
                published += publishLarge(BATCH);
                assertThat(published)
                        .as("events published before any was dropped")
                        .isLessThan(5_000);
            }
            List<JsonNode> gaps = new ArrayList<>();
            List<Long> slowSeqs = new ArrayList<>();
            // Now it reads again, before the write timeout: the gap is there, between events in order.
            while (gaps.isEmpty()) {
                SseStream.Message message = slow.next(Duration.ofSeconds(10));
                assertThat(message).as("the stream is still open").isNotNull();
                if ("gap".equals(message.event())) {
                    gaps.add(message.json());
                } else if ("event".equals(message.event())) {
                    slowSeqs.add(message.json().path("seq").asLong());
                }
            }
            JsonNode gap = gaps.get(0);
            assertThat(gap.path("reason").asText()).isEqualTo("slow_consumer");
            assertThat(gap.path("dropped").asLong()).isPositive();
            assertThat(gap.path("from_seq").asLong()).isGreaterThan(slowSeqs.get(slowSeqs.size() - 1));

            // Then it stops reading for good: the stuck write times out and the stream ends.
            double closesBefore = server.metric("websocket_slow_consumer_closes_total", "transport=\"sse\"");
            while (server.metric("websocket_slow_consumer_closes_total", "transport=\"sse\"") == closesBefore) {
                published += publishLarge(1);
                assertThat(published)
                        .as("events published before the slow stream was closed")
                        .isLessThan(20_000);
            }
            assertThat(slow.endsWithin(Duration.ofSeconds(20))).isTrue();

            // The healthy client was never held back: every event, in order, and no gap.
            int total = published;
            healthyReaderDone(healthyReader, healthySeqs, total);
            assertThat(healthySeqs).hasSize(total);
            for (int i = 0; i < total; i++) {
                assertThat(healthySeqs.get(i)).isEqualTo(i + 1L);
            }
        }
    }

    private SseStream open() throws IOException {
        SseStream sse = SseStream.open(server.port(), "/sse");
        sse.subscribed();
        return sse;
    }

    /** Publishes {@code count} large low-priority events in one batch; returns the count. */
    private int publishLarge(int count) throws Exception {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append("{\"event_type\":\"system_event\",\"category\":\"bulk\"," + "\"message\":\"")
                    .append(PADDING)
                    .append("\",\"priority\":\"low\"}");
        }
        server.publish(batch.append(']').toString());
        return count;
    }

    /** Reads events until told to stop by the count reaching what was published; fails on a gap. */
    private static void readAll(SseStream sse, List<Long> seqs) {
        try {
            for (SseStream.Message message = sse.next(Duration.ofSeconds(30));
                    message != null;
                    message = sse.next(Duration.ofSeconds(30))) {
                if ("gap".equals(message.event())) {
                    throw new AssertionError("the healthy stream got a gap: " + message.data());
                }
                if ("event".equals(message.event())) {
                    synchronized (seqs) {
                        seqs.add(message.json().path("seq").asLong());
                        seqs.notifyAll();
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void healthyReaderDone(CompletableFuture<Void> reader, List<Long> seqs, int total)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        synchronized (seqs) {
            while (seqs.size() < total && !reader.isDone() && System.nanoTime() < deadline) {
                seqs.wait(1000);
            }
        }
        if (reader.isCompletedExceptionally()) {
            reader.join();
        }
    }
}
