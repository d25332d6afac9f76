package io.incidentstream.bootstrap.sse;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.Await;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every SSE stream ends with its client going away, which the server learns when its next write
 * (the heartbeat, at the latest) fails: the session ends as disconnected, and that write is not
 * counted as a send error, which operations alert on.
 */
@Timeout(60)
class SseClientGoneTest {

    @Test
    void aClientThatGoesAway_endsItsSession_withoutASendError() throws Exception {
        try (TestServer server = new TestServer(Map.of("heartbeat_interval_secs", "1"))) {
            SseStream sse = SseStream.open(server.port(), "/sse");
            sse.subscribed();
            Await.until(() -> metric(server, "websocket_active_connections") == 1, "the stream is open");

            sse.close();

            Await.until(() -> metric(server, "websocket_active_connections") == 0, "the session ended");
            assertThat(metric(server, "websocket_send_errors_total")).isZero();
        }
    }

    private static double metric(TestServer server, String name) {
        try {
            return server.metric(name, "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
