package io.incidentstream.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.Await;
import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.port.in.Statistics;
import io.incidentstream.application.port.in.SubscribeCommand;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.filter.Filter;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Broken sockets are faults handled at the edge: counted, closed, forgotten. */
class IncidentStreamConnectionFaultsTest {

    private final TestStream stream = new TestStream();

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void failedWrite_closesWith1011_andIsCounted() {
        Client client = stream.connect();
        client.subscribe("all", Filter.all());
        client.channel().hold();
        stream.publish(new SystemEvent("deploy", "v2", Map.of()));
        Await.until(() -> client.channel().heldWrites() == 1, "the event write is in flight");

        client.channel().failHeld(new IOException("connection reset"));

        assertThat(client.channel().closeCode()).isEqualTo(CloseCode.INTERNAL_ERROR);
        Await.until(() -> statistics().activeSubscriptions() == 0, "the session is forgotten");
        assertThat(statistics().sendErrors()).isEqualTo(1);
        assertThat(statistics().activeConnections()).isZero();
    }

    @Test
    void transportError_isCountedAsAConnectionError() {
        Client client = stream.connect();

        client.session().transportError();

        assertThat(statistics().connectionErrors()).isEqualTo(1);
    }

    @Test
    void subscribeAfterDisconnect_registersNothing() {
        Client client = stream.connect();
        client.session().disconnected();

        client.session().subscribe(new SubscribeCommand("late", Filter.all()));
        stream.connect().barrier();

        assertThat(statistics().activeSubscriptions()).isZero();
    }

    private Statistics statistics() {
        return stream.stream.statistics().statistics();
    }
}
