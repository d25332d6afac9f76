package io.incidentstream.adapters.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.StalledClient;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.adapters.websocket.testing.WebSocketServerFixture;
import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.port.in.Publication;
import io.incidentstream.application.port.in.PublishResult;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.event.Priority;
import io.incidentstream.domain.event.SystemEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading never hurts the others: they receive every event in order, while the
 * stalled one's queue stays bounded, and it is told what it missed ({@code gap}) or closed (4008).
 */
class SlowConsumerTest {

    private static final int MAX_PENDING = 20;
    /** Large events, so that a few hundred fill the socket buffers between server and stalled client. */
    private static final String BODY = "x".repeat(50_000);

    private WebSocketServerFixture server;

    @BeforeEach
    void start() throws Exception {
        server = new WebSocketServerFixture(smallQueues().build(), false);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void stalledClient_getsGapsForWhatWasDropped_whileOthersGetEverythingInOrder() throws Exception {
        try (TestClient healthy = server.connect()) {
            StalledClient stalled = stalledBeside(healthy);

            // In step with the healthy client, which keeps up; the stalled one falls further behind each time.
            List<Long> published = new ArrayList<>();
            long maxQueued = 0;
            for (int i = 0; i < 400; i++) {
                long seq = publish(Priority.LOW);
                published.add(seq);
                assertThat(healthy.next("event").path("seq").asLong()).isEqualTo(seq);
                maxQueued = Math.max(
                        maxQueued, server.stream().statistics().statistics().queuedEvents());
            }
            assertThat(maxQueued).as("events queued for the stalled session").isLessThanOrEqualTo(MAX_PENDING);

            stalled.resume();
            TreeSet<Long> accountedFor = new TreeSet<>();
            long lastEventSeq = 0;
            int gaps = 0;
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (accountedFor.size() < published.size() && System.nanoTime() < deadline) {
                for (JsonNode message : stalled.drain()) {
                    if ("event".equals(message.path("type").asText())) {
                        long seq = message.path("seq").asLong();
                        assertThat(seq).as("events stay in seq order").isGreaterThan(lastEventSeq);
                        lastEventSeq = seq;
                        accountedFor.add(seq);
                    } else if ("gap".equals(message.path("type").asText())) {
                        gaps++;
                        assertThat(message.path("reason").asText()).isEqualTo("slow_consumer");
                        for (long s = message.path("from_seq").asLong();
                                s <= message.path("to_seq").asLong();
                                s++) {
                            accountedFor.add(s);
                        }
                    }
                }
            }
            assertThat(gaps)
                    .as("gap frames; accounted for " + accountedFor.size() + ", last event " + lastEventSeq
                            + ", published " + published.get(0) + ".." + published.get(published.size() - 1))
                    .isPositive();
            assertThat(accountedFor)
                    .as("every seq was delivered or reported missing")
                    .containsAll(published);
        }
    }

    @Test
    void stalledClient_thatCannotKeepUpEvenWithCriticalEvents_isClosedWith4008() throws Exception {
        try (TestClient healthy = server.connect()) {
            StalledClient stalled = stalledBeside(healthy);

            publishInStepWith(healthy, 300, Priority.CRITICAL);
            stalled.resume();
            assertThat(stalled.awaitClose()).isEqualTo(CloseCode.SLOW_CONSUMER.code());
            assertThat(healthy.isOpen()).isTrue();
        }
    }

    @Test
    void socketThatAcceptsNoWriteForTheWriteTimeout_isClosedWith4008() throws Exception {
        server.close();
        server = new WebSocketServerFixture(
                smallQueues().writeTimeout(java.time.Duration.ofMillis(200)).build(), false);
        try (TestClient healthy = server.connect()) {
            StalledClient stalled = stalledBeside(healthy);
            publishInStepWith(healthy, 300, Priority.NORMAL);
            assertThat(server.stream().statistics().statistics().queuedEvents()).isPositive();

            // What the server's timer does every few hundred milliseconds: the stalled queue is abandoned.
            LivenessTest.await(
                    () -> {
                        server.stream().maintenance().closeStalledSessions();
                        return server.stream().statistics().statistics().queuedEvents() == 0;
                    },
                    "the stalled session to be closed");
            stalled.resume();
            assertThat(stalled.awaitClose()).isEqualTo(CloseCode.SLOW_CONSUMER.code());
            assertThat(healthy.isOpen()).isTrue();
        }
    }

    /** Queues of {@value #MAX_PENDING} messages, and bytes enough that the count is what limits them. */
    private static StreamSettings.Builder smallQueues() {
        return StreamSettings.defaults().toBuilder()
                .maxPendingMessages(MAX_PENDING)
                .maxPendingBytes(64L << 20);
    }

    /** A client that stops reading, subscribed to everything as {@code healthy} is, both live. */
    private StalledClient stalledBeside(TestClient healthy) throws Exception {
        StalledClient stalled = StalledClient.connect(server.client(), server.uri());
        stalled.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\"}");
        StreamEndpointTest.subscribe(healthy, "all", "{}");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.stream().statistics().statistics().activeSubscriptions() < 2) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("subscriptions not live");
            }
            Thread.onSpinWait();
        }
        return stalled;
    }

    /** Publishes {@code count} events, each received by {@code healthy}, which keeps up, before the next. */
    private void publishInStepWith(TestClient healthy, int count, Priority priority) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            long seq = publish(priority);
            assertThat(healthy.next("event").path("seq").asLong()).isEqualTo(seq);
        }
    }

    private long publish(Priority priority) {
        PublishResult result =
                server.stream().publisher().publish(new Publication(new SystemEvent("load", BODY, Map.of()), priority));
        return ((PublishResult.Accepted) result).receipts().get(0).seq();
    }
}
