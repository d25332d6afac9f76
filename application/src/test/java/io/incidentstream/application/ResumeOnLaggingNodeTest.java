package io.incidentstream.application;

import static io.incidentstream.application.fixtures.StreamEvents.alert;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.Await;
import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.fakes.LaggingEngine;
import io.incidentstream.application.fakes.SequentialIds;
import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.Subscribed;
import io.incidentstream.application.port.in.SubscribeCommand;
import io.incidentstream.application.port.out.StreamEngine;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Severity;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of one stream (PROTOCOL §8: resume works on any node exactly as on one). A client that
 * read up to seq N on a node and resumes on another that has not read that far yet goes live after
 * N there: it is sent neither what it holds again nor a snapshot, and nothing after N is missed.
 */
class ResumeOnLaggingNodeTest {

    private final StreamSettings settings = StreamSettings.defaults();
    private final FakeClock clock = new FakeClock();
    private final StreamEngine engine = IncidentStream.inMemoryEngine(settings, clock, new SequentialIds());
    private final LaggingEngine laggingView = new LaggingEngine(engine);
    private final TestStream ahead = new TestStream(settings, clock, engine);
    private final TestStream behind = new TestStream(settings, clock, laggingView);

    /** Published on the first node, and delivered there, while the second reads nothing; their seqs. */
    private List<Long> threeEventsTheSecondNodeHasNotRead() {
        Client left = ahead.connect();
        left.subscribe("all", Filter.all());
        laggingView.fallBehind();
        List<Long> seqs = List.of(
                ahead.publishAccepted(alert(Severity.P1)),
                ahead.publishAccepted(alert(Severity.P2)),
                ahead.publishAccepted(alert(Severity.P3)));
        Await.until(() -> left.eventSeqs().equals(seqs), "the first node delivered the three");
        return seqs;
    }

    @AfterEach
    void close() {
        laggingView.catchUp();
        behind.close();
        ahead.close();
    }

    @Test
    void resumingFromFurtherOn_goesLiveAfterSince_andGetsEveryLaterEventOnce() {
        long since = threeEventsTheSecondNodeHasNotRead().get(2);

        Client resumed = behind.connect();
        Subscribed subscribed = resumed.resume("all", Filter.all(), since, ahead.epoch());
        laggingView.catchUp();
        long next = ahead.publishAccepted(alert(Severity.P1));
        Await.until(() -> !resumed.eventSeqs().isEmpty(), "the lagging node delivered the next event");
        resumed.barrier();

        assertThat(resumed.welcome().seq()).isLessThan(since);
        assertThat(subscribed.recovered()).isTrue();
        assertThat(subscribed.replayed()).isZero();
        assertThat(subscribed.seq()).isEqualTo(since);
        assertThat(resumed.eventSeqs()).isEqualTo(List.of(next));
    }

    @Test
    void resumingFromBetween_getsWhatTheNodeReadsAfterSince_once() {
        List<Long> seqs = threeEventsTheSecondNodeHasNotRead();
        long since = seqs.get(1);
        long third = seqs.get(2);

        Client resumed = behind.connect();
        Subscribed subscribed = resumed.resume("all", Filter.all(), since, ahead.epoch());
        laggingView.catchUp();
        long next = ahead.publishAccepted(alert(Severity.P1));
        Await.until(() -> resumed.eventSeqs().size() >= 2, "the lagging node delivered what it read after since");
        resumed.barrier();

        assertThat(subscribed.recovered()).isTrue();
        assertThat(subscribed.seq()).isEqualTo(since);
        assertThat(resumed.eventSeqs()).isEqualTo(List.of(third, next));
    }

    /** A seq the stream never handed out (a client's mistake, a restored older Redis) is not trusted. */
    @Test
    void resumingFromASeqTheStreamNeverHandedOut_isNotRecovered_onACluster() {
        ahead.publishAccepted(alert(Severity.P1));
        Client client = behind.connect();

        Subscribed subscribed = client.resume("all", Filter.all(), 5, ahead.epoch());
        long next = ahead.publishAccepted(alert(Severity.P2));
        Await.until(() -> client.eventSeqs().contains(next), "the next event");

        assertThat(subscribed.recovered()).isFalse();
        assertThat(subscribed.seq()).isLessThan(5);
        assertThat(client.eventSeqs()).contains(next);
    }

    /**
     * Only a resume the node must ask the engine about may wait: the WebSocket adapter reads frames
     * on a selector and runs just those on the pool.
     */
    @Test
    void onlyAResumeFromFurtherOn_onACluster_mayWait() {
        List<Long> seqs = threeEventsTheSecondNodeHasNotRead();
        Client onBehind = behind.connect();
        Client onAhead = ahead.connect();

        assertThat(onBehind.session().subscribeMayWait(resume(seqs.get(2), ahead.epoch())))
                .as("from further on than the node has read")
                .isTrue();
        assertThat(onAhead.session().subscribeMayWait(resume(seqs.get(2), ahead.epoch())))
                .as("from a seq the node has read")
                .isFalse();
        assertThat(onBehind.session().subscribeMayWait(resume(seqs.get(2), "another-epoch")))
                .as("from another epoch")
                .isFalse();
        assertThat(onBehind.session().subscribeMayWait(new SubscribeCommand("all", Filter.all(), null, null, false)))
                .as("not resuming")
                .isFalse();
        try (TestStream alone = new TestStream()) {
            assertThat(alone.connect().session().subscribeMayWait(resume(5, alone.epoch())))
                    .as("on one node")
                    .isFalse();
        }
    }

    private static SubscribeCommand resume(long since, String epoch) {
        return new SubscribeCommand("all", Filter.all(), since, epoch, false);
    }

    @Test
    void resumingFromFurtherOn_onOneNode_isNotRecovered_forNoNodeHandedOutThatSeq() {
        try (TestStream alone = new TestStream()) {
            alone.publishAccepted(alert(Severity.P1));
            Client client = alone.connect();

            Subscribed subscribed = client.resume("all", Filter.all(), 5, alone.epoch());

            assertThat(subscribed.recovered()).isFalse();
            assertThat(subscribed.seq()).isEqualTo(1);
        }
    }
}
