package io.incidentstream.adapters.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.adapters.websocket.testing.WebSocketServerFixture;
import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.event.SystemEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A flooding client is told RATE_LIMITED, its excess is dropped, sustained abuse closes it (4029); others carry on. */
class RateLimitTest {

    private static final int PER_SECOND = 5;

    private final FakeClock clock = new FakeClock();
    private WebSocketServerFixture server;

    @BeforeEach
    void start() throws Exception {
        server = new WebSocketServerFixture(
                StreamSettings.defaults().toBuilder()
                        .maxMessagesPerSecond(PER_SECOND)
                        .rateLimitCloseAfter(3)
                        .build(),
                true,
                clock,
                List.of());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void floodWithinOneSecond_getsOneRateLimitedError_andOnlyTheAllowanceIsAnswered() throws Exception {
        try (TestClient client = server.connect()) {
            for (int i = 0; i < 20; i++) {
                client.send("{\"type\":\"ping\",\"timestamp\":\"" + i + "\"}");
            }
            int pongs = 0;
            int errors = 0;
            for (int i = 0; i < PER_SECOND + 1; i++) {
                JsonNode message = client.next();
                if ("pong".equals(message.path("type").asText())) {
                    pongs++;
                } else {
                    assertThat(message.path("code").asText()).isEqualTo("RATE_LIMITED");
                    assertThat(message.path("message").asText()).contains("5 messages per second");
                    errors++;
                }
            }
            assertThat(pongs).isEqualTo(PER_SECOND);
            assertThat(errors).isEqualTo(1);
            awaitReceived(20);

            clock.advance(Duration.ofSeconds(1));
            client.send("{\"type\":\"ping\",\"timestamp\":\"later\"}");
            assertThat(client.next().path("timestamp").asText()).isEqualTo("later");
        }
    }

    private void awaitReceived(long count) {
        LivenessTest.await(
                () -> server.stream().statistics().statistics().messagesReceived() >= count,
                count + " messages received");
    }

    @Test
    void sustainedFlood_isClosedWith4029_whileOthersKeepReceiving() throws Exception {
        try (TestClient abuser = server.connect();
                TestClient bystander = server.connect()) {
            StreamEndpointTest.subscribe(bystander, "all", "{}");
            long sent = server.stream().statistics().statistics().messagesReceived();
            for (int second = 0; second < 4; second++) {
                for (int i = 0; i < PER_SECOND + 2; i++) {
                    abuser.send("{\"type\":\"ping\"}");
                }
                sent += PER_SECOND + 2;
                if (second < 3) {
                    // In the fourth second (three seconds after the first refusal) the close comes mid-burst, and what
                    // follows it is never read.
                    awaitReceived(sent);
                    clock.advance(Duration.ofSeconds(1));
                }
            }
            assertThat(abuser.next("error").path("code").asText()).isEqualTo("RATE_LIMITED");
            JsonNode closing = abuser.next("closing");
            assertThat(closing.path("code").asInt()).isEqualTo(CloseCode.TOO_MANY_MESSAGES.code());
            assertThat(abuser.awaitClose()).isEqualTo(CloseCode.TOO_MANY_MESSAGES.code());

            server.publish(new SystemEvent("check", "bystander unaffected", Map.of()));
            assertThat(bystander.next("event").path("event").path("message").asText())
                    .isEqualTo("bystander unaffected");
        }
    }
}
