package io.incidentstream.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.Await;
import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.Closing;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.filter.Filter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Events accepted before shutdown (the publisher was told so) reach the sessions before
 * {@code closing}, even when the dispatcher is still working through them: with in-memory history
 * a client could not recover them after the restart.
 */
class IncidentStreamShutdownFlushTest {

    private final TestStream stream = new TestStream();

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void eventsAcceptedBeforeShutdown_areDeliveredBeforeClosing() throws Exception {
        Client client = stream.connect();
        client.subscribe("all", Filter.all());
        stream.encoder.hold();
        for (int i = 1; i <= 3; i++) {
            stream.publish(new SystemEvent("deploy", "v" + i, Map.of()));
        }
        stream.encoder.awaitBlocked();

        Thread shutdown = new Thread(() -> stream.stream.lifecycle().shutdown(Duration.ofSeconds(5)), "shutdown");
        shutdown.start();
        // Past the point where shutdown has told every session: it now waits for them to go, or is done.
        Await.until(
                () -> shutdown.getState() == Thread.State.TIMED_WAITING
                        || shutdown.getState() == Thread.State.TERMINATED,
                "shutdown has told the sessions");
        stream.encoder.release();
        client.channel().awaitClosed();
        shutdown.join();

        List<ServerMessage> all = client.channel().messages();
        List<ServerMessage> sent = all.subList(all.size() - 4, all.size());
        assertThat(client.channel().messages(EventMessage.class)).hasSize(3);
        assertThat(sent.subList(0, 3)).allSatisfy(m -> assertThat(m).isInstanceOf(EventMessage.class));
        assertThat(sent.get(3)).isInstanceOf(Closing.class);
    }
}
