package io.incidentstream.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.Await;
import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.Gap;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.port.in.Publication;
import io.incidentstream.domain.event.Priority;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.filter.Filter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When a session falls behind, lower priorities give way to an arriving higher one, oldest first; a
 * gap stands where they stood and delivered events keep their seq order.
 */
class IncidentStreamPriorityTest {

    private final TestStream stream = new TestStream(StreamSettingsForTests.maxPendingMessages(3));

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void arrivingCritical_isDelivered_andTheOldestLowGivesWayWithAGap() {
        Client client = stalledSubscriber();
        publish(Priority.LOW, Priority.LOW, Priority.LOW, Priority.LOW);

        publish(Priority.CRITICAL);
        client.channel().release();
        client.barrier();

        // Seq 1 was in flight; 2, 3, 4 filled the queue.
        assertThat(summary(client)).containsExactly("1:low", "gap 2-2/1", "3:low", "4:low", "5:critical");
        assertThat(stream.metrics.count("eventDropped:low")).isEqualTo(1);
        assertThat(stream.metrics.count("gapSent")).isEqualTo(1);
    }

    @Test
    void severalCriticals_displaceSeveralLows_andTheirGapsMerge() {
        Client client = stalledSubscriber();
        publish(Priority.LOW, Priority.LOW, Priority.LOW, Priority.LOW);

        publish(Priority.CRITICAL, Priority.CRITICAL, Priority.CRITICAL);
        client.channel().release();
        client.barrier();

        assertThat(summary(client)).containsExactly("1:low", "gap 2-4/3", "5:critical", "6:critical", "7:critical");
    }

    @Test
    void arrivingLow_withNothingLowerQueued_isItselfDropped_withAGapAtItsPlace() {
        Client client = stalledSubscriber();
        publish(Priority.LOW, Priority.HIGH, Priority.NORMAL, Priority.HIGH);

        publish(Priority.LOW, Priority.LOW);
        publish(Priority.HIGH);
        client.channel().release();
        client.barrier();

        // The arriving high makes room by dropping the queued normal.
        assertThat(summary(client)).containsExactly("1:low", "2:high", "gap 3-3/1", "4:high", "gap 5-6/2", "7:high");
    }

    @Test
    void deliveredEvents_keepTheirSeqOrder_whateverTheirPriority() {
        Client client = stalledSubscriber();
        publish(
                Priority.CRITICAL,
                Priority.LOW,
                Priority.HIGH,
                Priority.NORMAL,
                Priority.CRITICAL,
                Priority.LOW,
                Priority.HIGH,
                Priority.CRITICAL);

        client.channel().release();
        client.barrier();

        List<Long> seqs = client.channel().messages(EventMessage.class).stream()
                .map(message -> message.event().seq())
                .toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        assertThat(client.channel().isClosed()).isFalse();
    }

    private Client stalledSubscriber() {
        Client client = stream.connect();
        client.subscribe("all", Filter.all());
        client.channel().hold();
        return client;
    }

    private void publish(Priority... priorities) {
        for (Priority priority : priorities) {
            stream.stream
                    .publisher()
                    .publish(List.of(new Publication(new SystemEvent("test", priority.wire(), Map.of()), priority)));
        }
        Await.until(() -> stream.stream.pendingEvents() == 0, "every event is routed");
    }

    /** Events as "seq:priority", gaps as "gap from-to/dropped". */
    private static List<String> summary(Client client) {
        return client.channel().messages().stream()
                .filter(message -> message instanceof EventMessage || message instanceof Gap)
                .map(IncidentStreamPriorityTest::summary)
                .toList();
    }

    private static String summary(ServerMessage message) {
        if (message instanceof EventMessage event) {
            return event.event().seq() + ":" + event.event().priority().wire();
        }
        Gap gap = (Gap) message;
        return "gap " + gap.fromSeq() + "-" + gap.toSeq() + "/" + gap.dropped();
    }
}
