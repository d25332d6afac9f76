package io.incidentstream.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A listener that throws is the user's bug, not a reason for the client to stop: the failure is
 * logged and the client goes on, also when the listener throws on a failed connection attempt.
 * The connect timeout is set far beyond the test's waits, so that a client left to its watchdog
 * would fail them.
 */
@Timeout(60)
class ThrowingListenerTest {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(120);

    @Test
    void aRefusedConnectionReportedToAThrowingListenerIsRetried() throws IOException {
        URI refused = URI.create("ws://127.0.0.1:" + portWithNoServer() + "/ws");
        try (TestServer server = TestServer.start(Map.of())) {
            AtomicInteger attempts = new AtomicInteger();
            ThrowingRecorder recorder = new ThrowingRecorder();
            IncidentStreamClient.Builder builder =
                    IncidentStreamClient.builder(() -> attempts.getAndIncrement() == 0 ? refused : server.ws());
            assertReconnectsAndDelivers(server, recorder, builder);
        }
    }

    @Test
    void anAttemptThatFailsBeforeConnectingReportedToAThrowingListenerIsRetried() {
        try (TestServer server = TestServer.start(Map.of())) {
            AtomicInteger attempts = new AtomicInteger();
            ThrowingRecorder recorder = new ThrowingRecorder();
            IncidentStreamClient.Builder builder = IncidentStreamClient.builder(server::ws)
                    .headers(() -> {
                        if (attempts.getAndIncrement() == 0) {
                            throw new IllegalStateException("no credential yet");
                        }
                        return Map.of();
                    });
            assertReconnectsAndDelivers(server, recorder, builder);
        }
    }

    private static void assertReconnectsAndDelivers(
            TestServer server, ThrowingRecorder recorder, IncidentStreamClient.Builder builder) {
        UUID incident = UUID.randomUUID();
        builder.listener(recorder)
                .connectTimeout(CONNECT_TIMEOUT)
                .backoff(new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .subscribe(Subscription.of("mine", Filters.incidents(incident)));
        try (IncidentStreamClient client = builder.build()) {
            client.start();
            Recorder.await(
                    () -> recorder.errors.stream().anyMatch(e -> e.code().equals("CONNECT_FAILED")),
                    Duration.ofSeconds(10),
                    "the failed first attempt reported");
            Recorder.await(
                    () -> client.positions().get("mine") != null,
                    Duration.ofSeconds(10),
                    "subscribed on the next attempt, long before the connect timeout");
            List<Long> seqs = new Publisher(server.http(), null)
                    .publish(List.of(new Event.CommentAdded(incident, "test", "after the failure", null)), null)
                    .seqs();
            Recorder.await(() -> recorder.events.size() == 1, Duration.ofSeconds(10), "the event");
            assertThat(recorder.seqs()).isEqualTo(seqs);
        }
    }

    private static int portWithNoServer() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Records like any listener, then throws from every error report. */
    private static final class ThrowingRecorder extends Recorder {
        @Override
        public void onError(ServerError error) {
            super.onError(error);
            throw new IllegalStateException("a listener's own bug, on purpose");
        }
    }
}
