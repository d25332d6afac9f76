package io.incidentstream.application.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.Await;
import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.Gap;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.port.in.Publication;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.event.Priority;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One client stops reading while two others keep up: the healthy ones get everything in order, the
 * stalled one's queue stays within its bound, and what it misses is accounted for by gap frames.
 */
class SlowConsumerAmongHealthyTest {

    private static final int MAX_PENDING = 10;
    private static final int EVENTS = 300;

    private final TestStream stream = new TestStream(StreamSettings.defaults().toBuilder()
            .maxPendingMessages(MAX_PENDING)
            .build());
    private Client stalled;
    private Client first;
    private Client second;

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void healthyClients_receiveEveryEventInSeqOrder() {
        connectOneStalledAndTwoHealthy();

        publishMixed(EVENTS, false);
        first.barrier();
        second.barrier();

        assertThat(eventSeqs(first)).containsExactlyElementsOf(allSeqs());
        assertThat(eventSeqs(second)).containsExactlyElementsOf(allSeqs());
    }

    @Test
    void stalledClientsQueue_neverExceedsMaxPendingMessages() {
        connectOneStalledAndTwoHealthy();
        StreamSession session = (StreamSession) stalled.session();

        List<Long> totals = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            publish(i, false);
            assertThat(session.queuedEvents()).isLessThanOrEqualTo(MAX_PENDING);
            totals.add(stream.statistics().queuedEvents());
        }
        Await.until(() -> stream.stream.pendingEvents() == 0, "every event is routed");

        assertThat(session.queuedEvents()).isEqualTo(MAX_PENDING);
        // A healthy session holds at most the one event it is handing to its socket at that instant.
        assertThat(totals).allMatch(total -> total <= MAX_PENDING + 2);
        assertThat(stream.statistics().queuedEvents()).isEqualTo(MAX_PENDING);
    }

    @Test
    void stalledClient_onceReleased_receivesEventsAndGapsCoveringEverySeq() {
        connectOneStalledAndTwoHealthy();
        publishMixed(EVENTS, false);
        Await.until(() -> stream.stream.pendingEvents() == 0, "every event is routed");

        stalled.channel().release();
        stalled.barrier();

        List<ServerMessage> received = eventsAndGaps(stalled);
        assertThat(received).hasAtLeastOneElementOfType(EventMessage.class).hasAtLeastOneElementOfType(Gap.class);
        TreeSet<Long> covered = new TreeSet<>();
        long dropped = 0;
        long last = 0;
        for (ServerMessage message : received) {
            if (message instanceof EventMessage event) {
                assertThat(event.event().seq())
                        .as("events and gaps in seq order")
                        .isGreaterThan(last);
                last = event.event().seq();
                covered.add(last);
            } else {
                Gap gap = (Gap) message;
                assertThat(gap.fromSeq()).as("events and gaps in seq order").isGreaterThan(last);
                assertThat(gap.toSeq()).isGreaterThanOrEqualTo(gap.fromSeq());
                assertThat(gap.reason()).isEqualTo("slow_consumer");
                last = gap.toSeq();
                LongStream.rangeClosed(gap.fromSeq(), gap.toSeq()).forEach(covered::add);
                dropped += gap.dropped();
            }
        }
        assertThat(covered).containsExactlyElementsOf(allSeqs());
        long delivered =
                received.stream().filter(EventMessage.class::isInstance).count();
        assertThat(delivered + dropped).isEqualTo(EVENTS);
        assertThat(stream.metrics.count("eventDropped")).isEqualTo(dropped);
        assertThat(stalled.channel().isClosed()).isFalse();
    }

    @Test
    void stalledClient_keepsItsHighestPriorityEvents_lowOnesGiveWayFirst() {
        connectOneStalledAndTwoHealthy();
        publishMixed(EVENTS, false);
        Await.until(() -> stream.stream.pendingEvents() == 0, "every event is routed");

        stalled.channel().release();
        stalled.barrier();

        // The first event was in flight when the client stopped reading; the queue behind it ends up all high.
        List<EventMessage> delivered = stalled.channel().messages(EventMessage.class);
        assertThat(delivered).hasSize(1 + MAX_PENDING);
        assertThat(delivered.subList(1, delivered.size()))
                .allMatch(m -> m.event().priority() == Priority.HIGH);
        assertThat(stream.metrics.count("eventDropped:low")).isEqualTo(EVENTS / 3 - 1);
        assertThat(stream.metrics.count("eventDropped:normal")).isEqualTo(EVENTS / 3);
        assertThat(stream.metrics.count("eventDropped:high")).isEqualTo(EVENTS / 3 - MAX_PENDING);
    }

    @Test
    void stalledClient_overflowingWithCriticalEvents_isClosedWith4008_whileHealthyOnesGetEverything() {
        connectOneStalledAndTwoHealthy();
        StreamSession session = (StreamSession) stalled.session();

        for (int i = 0; i < EVENTS; i++) {
            publish(i, true);
            assertThat(session.queuedEvents()).isLessThanOrEqualTo(MAX_PENDING);
        }
        first.barrier();
        second.barrier();
        // closing waits behind the write that never completed; completing it lets the close through.
        stalled.channel().release();

        assertThat(stalled.channel().closeCode()).isEqualTo(CloseCode.SLOW_CONSUMER);
        assertThat(stream.metrics.count("slowConsumerClosed")).isEqualTo(1);
        assertThat(eventSeqs(first)).containsExactlyElementsOf(allSeqs());
        assertThat(eventSeqs(second)).containsExactlyElementsOf(allSeqs());
        assertThat(first.channel().isClosed()).isFalse();
        assertThat(second.channel().isClosed()).isFalse();
    }

    private void connectOneStalledAndTwoHealthy() {
        stalled = stream.connect();
        first = stream.connect();
        second = stream.connect();
        stalled.subscribe("all", Filter.all());
        first.subscribe("all", Filter.all());
        second.subscribe("all", Filter.all());
        stalled.channel().hold();
    }

    private void publishMixed(int count, boolean withCritical) {
        for (int i = 0; i < count; i++) {
            publish(i, withCritical);
        }
    }

    /** Priorities cycle low, normal, high (and critical when asked). */
    private void publish(int i, boolean withCritical) {
        Priority[] cycle =
                withCritical ? Priority.values() : new Priority[] {Priority.LOW, Priority.NORMAL, Priority.HIGH};
        Priority priority = cycle[i % cycle.length];
        stream.stream
                .publisher()
                .publish(List.of(new Publication(new SystemEvent("load", "event " + i, Map.of()), priority)));
    }

    private static List<Long> allSeqs() {
        return LongStream.rangeClosed(1, EVENTS).boxed().toList();
    }

    private static List<Long> eventSeqs(Client client) {
        return client.channel().messages(EventMessage.class).stream()
                .map(message -> message.event().seq())
                .toList();
    }

    private static List<ServerMessage> eventsAndGaps(Client client) {
        return client.channel().messages().stream()
                .filter(message -> message instanceof EventMessage || message instanceof Gap)
                .toList();
    }
}
