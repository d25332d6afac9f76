package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.adapters.websocket.testing.TestClient;
import java.util.Map;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When the 4029 close comes, measured on the real clock: a client that floods from its first
 * message is closed {@code rate_limit_close_after_secs} after its first refusal, never sooner
 * (the clock-second count it replaced closed a flood of a 3 s setting after 1.42 to 1.46 s).
 */
class RateLimitCloseTimingTest {

    private static final int CLOSE_AFTER_SECS = 2;

    @RegisterExtension
    final RunningServer server = new RunningServer(
            Map.of("max_messages_per_sec", "5", "rate_limit_close_after_secs", Integer.toString(CLOSE_AFTER_SECS)));

    private final WebSocketClient ws = new WebSocketClient();

    @RegisterExtension
    final ClientsPerTest clients = new ClientsPerTest(ws);

    @Test
    @Timeout(30)
    void flood_isClosedWith4029_afterTheSetting_andWithinASecondOfIt() throws Exception {
        try (TestClient client = TestClient.connect(ws, server.ws())) {
            client.next("welcome");
            long start = System.nanoTime();
            // 100 messages a second, far above the limit of 5, until the server closes.
            Thread flooder = new Thread(
                    () -> {
                        while (client.isOpen()) {
                            client.send("{\"type\":\"ping\"}");
                            try {
                                Thread.sleep(10);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "flooder");
            flooder.start();
            try {
                assertThat(client.awaitClose()).isEqualTo(4029);
            } finally {
                flooder.interrupt();
                flooder.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;

            assertThat(seconds)
                    .as("seconds from the first message to the 4029 close")
                    .isGreaterThanOrEqualTo(CLOSE_AFTER_SECS)
                    .isLessThan(CLOSE_AFTER_SECS + 1.0);
        }
    }
}
