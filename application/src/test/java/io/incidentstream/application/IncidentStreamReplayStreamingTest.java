package io.incidentstream.application;

import static io.incidentstream.application.fixtures.StreamEvents.alert;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.Await;
import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.Gap;
import io.incidentstream.application.message.Subscribed;
import io.incidentstream.application.port.in.SubscribeCommand;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Severity;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A replay is read from history one event per free write: it never floods the session's small queue. */
class IncidentStreamReplayStreamingTest {

    private static final int MAX_PENDING = 5;
    private static final int HISTORY = 1000;

    private final TestStream stream = new TestStream(StreamSettings.defaults().toBuilder()
            .maxPendingMessages(MAX_PENDING)
            .historyCapacity(HISTORY)
            .build());

    @AfterEach
    void close() {
        stream.close();
    }

    private void publishLive(int count, int queuedAfter) {
        for (int i = 0; i < count; i++) {
            stream.publishAccepted(alert(Severity.P3));
        }
        Await.until(() -> stream.statistics().queuedEvents() == queuedAfter, queuedAfter + " live events queued");
    }

    @Test
    void resumeOfAThousandEvents_withRoomForFive_replaysAllWithoutGaps_thenTheLiveEventsThatArrivedMeanwhile() {
        for (int i = 0; i < HISTORY; i++) {
            stream.publishAccepted(alert(Severity.P3));
        }
        Client client = stream.connect();
        client.channel().hold();

        client.session().subscribe(new SubscribeCommand("all", Filter.all(), 0L, stream.epoch(), false));
        Await.until(() -> client.channel().heldWrites() == 1, "subscribed is being written");
        publishLive(2, 2);

        int maxQueued = 0;
        int completed = 0;
        while (client.channel().completeHeld()) {
            completed++;
            maxQueued = Math.max(maxQueued, (int) stream.statistics().queuedEvents());
            if (completed == HISTORY / 2) {
                publishLive(2, 4);
            }
        }

        List<EventMessage> events = client.channel().messages(EventMessage.class);
        Subscribed subscribed = client.channel().messages(Subscribed.class).get(0);
        assertThat(subscribed.recovered()).isTrue();
        assertThat(subscribed.replayed()).isEqualTo(HISTORY);
        assertThat(events)
                .extracting(m -> m.event().seq())
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, HISTORY + 4).boxed().toList());
        assertThat(events.subList(0, HISTORY)).allMatch(EventMessage::replayed);
        assertThat(events.subList(HISTORY, HISTORY + 4)).noneMatch(EventMessage::replayed);
        assertThat(client.channel().messages(Gap.class)).isEmpty();
        assertThat(stream.metrics.count("eventDropped")).isZero();
        assertThat(maxQueued)
                .as("the live events waited behind the replay, within the bound")
                .isEqualTo(4)
                .isLessThanOrEqualTo(MAX_PENDING);
        assertThat(client.channel().maxWritesInFlight()).isEqualTo(1);
        assertThat(client.channel().isClosed()).isFalse();
    }

    @Test
    void whileAReplayIsOwed_nothingOfItIsQueued() {
        for (int i = 0; i < HISTORY; i++) {
            stream.publishAccepted(alert(Severity.P3));
        }
        Client client = stream.connect();
        client.channel().hold();

        client.session().subscribe(new SubscribeCommand("all", Filter.all(), 0L, stream.epoch(), false));
        stream.connect().barrier();

        assertThat(stream.statistics().queuedEvents()).isZero();
        assertThat(client.channel().messages()).hasSize(2).last().isInstanceOf(Subscribed.class);
    }
}
