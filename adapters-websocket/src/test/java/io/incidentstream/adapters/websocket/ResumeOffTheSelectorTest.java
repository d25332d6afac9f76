package io.incidentstream.adapters.websocket;

import static io.incidentstream.application.fixtures.StreamEvents.alert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.adapters.websocket.testing.WebSocketServerFixture;
import io.incidentstream.application.IncidentStream;
import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.fakes.LaggingEngine;
import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.port.out.IdGenerator;
import io.incidentstream.application.port.out.StreamEngine;
import io.incidentstream.application.port.out.StreamMetrics;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.model.Severity;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A resume on a cluster node from a seq the node has yet to read asks the stream engine (Redis)
 * whether that seq was handed out: a question that may wait, so it is asked on Jetty's pool, never on
 * the selector that reads every connection's frames, and the client's next message is handled only
 * once it is answered. Two nodes share one engine here; the engine's answer is held until the test
 * lets it go.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResumeOffTheSelectorTest {

    private final StreamSettings settings = StreamSettings.defaults();
    private final FakeClock clock = new FakeClock();
    private final StreamEngine engine = IncidentStream.inMemoryEngine(settings, clock, IdGenerator.random());
    private final LaggingEngine lagging = new LaggingEngine(engine);
    private final TestStream ahead = new TestStream(settings, clock, engine);
    private final WebSocketServerFixture behind;

    ResumeOffTheSelectorTest() throws Exception {
        ServerMessageWriter writer = new ServerMessageWriter();
        behind = new WebSocketServerFixture(
                new IncidentStream(
                        settings,
                        writer,
                        StreamMetrics.NONE,
                        clock,
                        IdGenerator.random(),
                        lagging,
                        true,
                        Runnable::run),
                writer);
    }

    @AfterEach
    void close() {
        lagging.answer();
        lagging.catchUp();
        behind.close();
        ahead.close();
    }

    @Test
    void theEnginesQuestion_waitsOnThePool_andTheNextMessageWaitsForIt() throws Exception {
        lagging.fallBehind();
        lagging.holdAnswers();
        long since = 0;
        for (int i = 0; i < 3; i++) {
            since = ahead.publishAccepted(alert(Severity.P1));
        }
        try (TestClient resumed = behind.connect()) {
            resumed.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\",\"since\":" + since + ",\"epoch\":\""
                    + ahead.epoch() + "\"}");
            resumed.send("{\"type\":\"unsubscribe\",\"subscription_id\":\"all\"}");
            assertThat(lagging.awaitAsked())
                    .as("the node asked the engine about the resume")
                    .isTrue();

            try (TestClient other = behind.connect()) {
                other.send("{\"type\":\"ping\",\"timestamp\":\"meanwhile\"}");
                assertThat(other.next("pong").path("timestamp").asText())
                        .as("another client served while the engine's answer is held")
                        .isEqualTo("meanwhile");
            }
            lagging.answer();

            JsonNode subscribed = resumed.next("subscribed");
            assertThat(subscribed.path("recovered").asBoolean())
                    .as("%s", subscribed)
                    .isTrue();
            assertThat(subscribed.path("seq").asLong()).isEqualTo(since);
            JsonNode after =
                    resumed.nextMatching(m -> !m.path("type").asText().equals("pong"), "the answer to the unsubscribe");
            assertThat(after.path("type").asText()).as("%s", after).isEqualTo("unsubscribed");
        }
    }
}
