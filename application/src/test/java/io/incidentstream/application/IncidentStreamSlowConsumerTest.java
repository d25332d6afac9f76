package io.incidentstream.application;

import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.Await;
import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.Gap;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Severity;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A client that stops reading loses low-priority events, then the connection; the others are unaffected. */
class IncidentStreamSlowConsumerTest {

    private final TestStream stream = new TestStream(StreamSettingsForTests.maxPendingMessages(2));

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void stalledClient_overflowingWithCriticalEvents_isClosedWith4008() {
        Client stalled = stream.connect();
        Client healthy = stream.connect();
        stalled.subscribe("all", Filter.all());
        healthy.subscribe("all", Filter.all());
        stalled.channel().hold();

        for (int i = 0; i < 4; i++) {
            stream.publish(new IncidentCreated(incident().severity(Severity.P0).build()));
        }
        healthy.barrier();
        // closing waits behind the write that never completed; completing it lets the close through.
        stalled.channel().release();

        stalled.channel().awaitClosed();
        assertThat(stalled.channel().closeCode()).isEqualTo(CloseCode.SLOW_CONSUMER);
        healthy.barrier();
        assertThat(healthy.channel().messages(EventMessage.class)).hasSize(4);
        assertThat(healthy.channel().isClosed()).isFalse();
    }

    @Test
    void stalledClient_overflowingWithLowEvents_getsAGapWhenItReadsAgain() {
        Client stalled = stream.connect();
        stalled.subscribe("all", Filter.all());
        stalled.channel().hold();

        for (int i = 0; i < 5; i++) {
            stream.publish(new SystemEvent("deploy", "v" + i, Map.of()));
        }
        Await.until(() -> stream.stream.pendingEvents() == 0, "every event is routed");
        stalled.channel().release();

        assertThat(stalled.channel().messages(Gap.class)).containsExactly(new Gap(4, 5, 2, "slow_consumer"));
        assertThat(stalled.channel().isClosed()).isFalse();
    }
}
