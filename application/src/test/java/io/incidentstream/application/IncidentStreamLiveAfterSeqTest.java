package io.incidentstream.application;

import static io.incidentstream.application.fixtures.StreamEvents.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.Subscribed;
import io.incidentstream.application.port.in.SubscribeCommand;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An event admitted before a subscription went live but dispatched after it belongs to the past of
 * that subscription (seq &lt;= S): it is not delivered live, and a resume replays it exactly once.
 */
class IncidentStreamLiveAfterSeqTest {

    private final TestStream stream = new TestStream();
    private Client late;
    private long admittedBeforeLive;

    @AfterEach
    void close() {
        stream.close();
    }

    /** Parks the dispatcher, queues {@code subscribe} behind it, then admits one more event before it resumes. */
    @BeforeEach
    void parkDispatcher() throws InterruptedException {
        Client watcher = stream.connect();
        watcher.subscribe("all", Filter.all());
        late = stream.connect();
        stream.encoder.hold();
        stream.publishAccepted(alert(Severity.P0));
        stream.encoder.awaitBlocked();
    }

    private Subscribed subscribeThenAdmitThenRelease(SubscribeCommand command) {
        late.session().subscribe(command);
        admittedBeforeLive = stream.publishAccepted(alert(Severity.P0));
        stream.encoder.release();
        return late.channel().nextOf(Subscribed.class);
    }

    @Test
    void eventAdmittedBeforeTheSubscriptionWentLive_butDispatchedAfter_isNotDeliveredToIt() {
        Subscribed subscribed = subscribeThenAdmitThenRelease(new SubscribeCommand("all", Filter.all()));
        long next = stream.publishAccepted(alert(Severity.P0));
        late.barrier();

        assertThat(subscribed.seq()).isEqualTo(admittedBeforeLive);
        assertThat(late.eventSeqs()).containsExactly(next);
    }

    @Test
    void resumingSubscription_getsSuchAnEventOnce_inItsReplay() {
        Subscribed subscribed =
                subscribeThenAdmitThenRelease(new SubscribeCommand("all", Filter.all(), 1L, stream.epoch(), false));
        long next = stream.publishAccepted(alert(Severity.P0));
        late.barrier();

        assertThat(subscribed.recovered()).isTrue();
        assertThat(subscribed.replayed()).isEqualTo(1);
        assertThat(late.channel().messages(EventMessage.class))
                .extracting(m -> m.event().seq(), EventMessage::replayed)
                .containsExactly(tuple(admittedBeforeLive, true), tuple(next, false));
    }
}
