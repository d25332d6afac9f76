package io.incidentstream.application;

import static io.incidentstream.domain.fixtures.TestFilters.filter;
import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.Await;
import io.incidentstream.application.fakes.SequentialIds;
import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.port.in.Statistics;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Severity;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IncidentStreamStatisticsTest {

    private final TestStream stream = new TestStream();

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void connections_areCountedActiveAndTotal() {
        Client first = stream.connect();
        stream.connect();

        first.session().disconnected();

        Statistics statistics = statistics();
        assertThat(statistics.activeConnections()).isEqualTo(1);
        assertThat(statistics.totalConnections()).isEqualTo(2);
    }

    @Test
    void events_areCountedBroadcastOnce_deliveredPerRecipient_andByType() {
        Client a = stream.connect();
        Client b = stream.connect();
        a.subscribe("all", Filter.all());
        b.subscribe("p0", filter().severities(Severity.P0).build());

        stream.publish(new IncidentCreated(incident().severity(Severity.P0).build()));
        stream.publish(new SystemEvent("deploy", "v2", Map.of()));
        a.barrier();
        b.barrier();

        Statistics statistics = statistics();
        assertThat(statistics.eventsBroadcast()).isEqualTo(2);
        assertThat(statistics.eventsDelivered()).isEqualTo(3);
        assertThat(statistics.eventsByType())
                .containsEntry("incident_created", 1L)
                .containsEntry("system_event", 1L)
                .containsEntry("escalated", 0L)
                .hasSize(EventType.values().length);
        assertThat(statistics.lastSeq()).isEqualTo(2);
        assertThat(statistics.epoch()).isEqualTo(SequentialIds.nth(1).toString());
    }

    @Test
    void encoding_happensOncePerEvent_howeverManyRecipients() {
        Client a = stream.connect();
        Client b = stream.connect();
        a.subscribe("all", Filter.all());
        b.subscribe("all", Filter.all());

        stream.publish(new SystemEvent("deploy", "v2", Map.of()));
        a.barrier();
        b.barrier();

        assertThat(stream.encoder.encodes()).isEqualTo(1);
    }

    @Test
    void disconnected_removesTheSessionsSubscriptions() {
        Client client = stream.connect();
        client.subscribe("a", Filter.all());
        client.subscribe("b", filter().severities(Severity.P1).build());
        assertThat(statistics().activeSubscriptions()).isEqualTo(2);

        client.session().disconnected();
        client.session().disconnected();

        Await.until(() -> statistics().activeSubscriptions() == 0, "the subscriptions are removed");
        assertThat(statistics().activeConnections()).isZero();
    }

    @Test
    void messages_areCountedSentAndReceived() {
        Client client = stream.connect();

        client.session().ping("t");
        client.session().ack(SequentialIds.nth(99));

        Statistics statistics = statistics();
        assertThat(statistics.messagesReceived()).isEqualTo(2);
        assertThat(statistics.messagesSent()).isEqualTo(2);
    }

    private Statistics statistics() {
        return stream.stream.statistics().statistics();
    }
}
