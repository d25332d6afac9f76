package io.incidentstream.application;

import static io.incidentstream.application.fixtures.StreamEvents.alert;
import static io.incidentstream.domain.fixtures.TestFilters.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.incidentstream.application.fakes.Await;
import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.message.Snapshot;
import io.incidentstream.application.message.Subscribed;
import io.incidentstream.application.port.in.SubscribeCommand;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Severity;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A subscription resuming after seq N in the current epoch: subscribed, the matching events in (N, S], then live. */
class IncidentStreamResumeTest {

    private static final Filter P0 = filter().severities(Severity.P0).build();

    private final TestStream stream = new TestStream();

    @AfterEach
    void close() {
        stream.close();
    }

    /** Seqs 1..5: P0, P3, P0, P0, P3. */
    private void publishFive() {
        stream.publishAccepted(alert(Severity.P0));
        stream.publishAccepted(alert(Severity.P3));
        stream.publishAccepted(alert(Severity.P0));
        stream.publishAccepted(alert(Severity.P0));
        stream.publishAccepted(alert(Severity.P3));
    }

    @Test
    void resume_getsSubscribedFirst_thenTheMatchingEventsAfterN_replayed_thenLiveEventsAfterS() {
        publishFive();
        Client client = stream.connect();

        Subscribed subscribed = client.resume("p0", P0, 1, stream.epoch());
        stream.publishAccepted(alert(Severity.P0));
        stream.publishAccepted(alert(Severity.P3));
        stream.publishAccepted(alert(Severity.P0));
        client.barrier();

        assertThat(subscribed.seq()).isEqualTo(5);
        assertThat(subscribed.recovered()).isTrue();
        assertThat(subscribed.replayed()).isEqualTo(2);
        List<ServerMessage> sent = client.stream();
        assertThat(sent.get(0)).isEqualTo(subscribed);
        List<EventMessage> events = client.channel().messages(EventMessage.class);
        assertThat(events).extracting(m -> m.event().seq()).containsExactly(3L, 4L, 6L, 8L);
        assertThat(events).extracting(EventMessage::replayed).containsExactly(true, true, false, false);
        assertThat(events).extracting(EventMessage::subscriptionIds).containsOnly(List.of("p0"));
    }

    @Test
    void replayedEvents_countAsDelivered_butNotInTheLatency_whichWouldMeasureTheClientsAbsence() {
        publishFive();
        Client client = stream.connect();

        client.resume("p0", P0, 1, stream.epoch());
        stream.publishAccepted(alert(Severity.P0));
        client.barrier();

        Await.until(() -> stream.metrics.count("eventDelivered") == 3, "two replayed and one live delivery");
        assertThat(stream.metrics.count("eventDeliveredTimed"))
                .as("only the live one is timed")
                .isEqualTo(1);
    }

    @Test
    void replayedEvents_areTheAdmittedOnes_withTheMessageIdsTheyWereSentWithLive() {
        Client live = stream.connect();
        live.subscribe("p0", P0);
        publishFive();
        live.barrier();
        Client resumed = stream.connect();

        resumed.resume("p0", P0, 0, stream.epoch());
        resumed.barrier();

        assertThat(resumed.channel().messages(EventMessage.class))
                .extracting(m -> m.event().messageId())
                .containsExactlyElementsOf(live.channel().messages(EventMessage.class).stream()
                        .map(m -> m.event().messageId())
                        .toList());
    }

    @Test
    void resumeAtS_isRecovered_withNothingToReplay() {
        publishFive();
        Client client = stream.connect();

        Subscribed subscribed = client.resume("p0", P0, 5, stream.epoch());
        stream.publishAccepted(alert(Severity.P0));
        client.barrier();

        assertThat(subscribed.recovered()).isTrue();
        assertThat(subscribed.replayed()).isZero();
        assertThat(client.channel().messages(EventMessage.class))
                .extracting(m -> m.event().seq(), EventMessage::replayed)
                .containsExactly(tuple(6L, false));
    }

    @Test
    void resumeWithNoMatchingEventsInTheRange_isRecovered_withNothingToReplay() {
        publishFive();
        Client client = stream.connect();

        Subscribed subscribed =
                client.resume("p1", filter().severities(Severity.P1).build(), 0, stream.epoch());
        client.barrier();

        assertThat(subscribed.recovered()).isTrue();
        assertThat(subscribed.replayed()).isZero();
        assertThat(client.channel().messages(EventMessage.class)).isEmpty();
    }

    @Test
    void recoveredResume_withSnapshot_getsTheReplayAndNoSnapshot() {
        publishFive();
        Client client = stream.connect();

        Subscribed subscribed = client.subscribe(new SubscribeCommand("p0", P0, 2L, stream.epoch(), true));
        client.barrier();

        assertThat(subscribed.recovered()).isTrue();
        assertThat(client.channel().messages(Snapshot.class)).isEmpty();
        assertThat(client.eventSeqs()).containsExactly(3L, 4L);
    }

    @Test
    void plainSubscribe_saysNothingOfRecovery() {
        publishFive();
        Client client = stream.connect();

        Subscribed subscribed = client.subscribe("p0", P0);
        client.barrier();

        assertThat(subscribed.seq()).isEqualTo(5);
        assertThat(subscribed.recovered()).isNull();
        assertThat(subscribed.replayed()).isNull();
        assertThat(client.channel().messages(EventMessage.class)).isEmpty();
    }
}
