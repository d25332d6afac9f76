package io.incidentstream.application.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.engine.InMemoryStreamEngine;
import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.fakes.SequentialIds;
import io.incidentstream.application.history.InMemoryEventHistory;
import io.incidentstream.application.port.in.Publication;
import io.incidentstream.application.port.in.PublishResult.Reason;
import io.incidentstream.application.port.in.PublishResult.Rejected;
import io.incidentstream.application.port.out.EngineUnavailableException;
import io.incidentstream.application.port.out.StreamEngine;
import io.incidentstream.application.view.IncidentView;
import io.incidentstream.domain.event.SystemEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a publisher is told when the engine fails under an append: that nothing was published when
 * the append never reached the engine, and that it may have been (so a retry may publish it twice)
 * when the connection was lost after the engine may have applied it.
 */
@Timeout(10)
class EngineFailureAdmissionTest {

    private final RecordingRouterSink sink = new RecordingRouterSink(5);
    private final FakeClock clock = new FakeClock();

    @AfterEach
    void stop() throws InterruptedException {
        sink.dispatcher.start(0);
        sink.dispatcher.stop();
    }

    @Test
    void anAppendThatNeverReachedTheEngine_isRefused_sayingNothingWasPublished() {
        Rejected refused = publishOver(new EngineUnavailableException("append failed: not connected", null));

        assertThat(refused.reason()).isEqualTo(Reason.ENGINE_UNAVAILABLE);
        assertThat(refused.mayHaveBeenPublished()).isFalse();
        assertThat(refused.message())
                .isEqualTo("the stream engine is unavailable (append failed: not connected);"
                        + " nothing was published, retry shortly");
    }

    @Test
    void anAppendWhoseOutcomeIsUnknown_isRefused_sayingItMayHaveBeenPublished() {
        Rejected refused = publishOver(EngineUnavailableException.outcomeUnknown("append failed: reset", null));

        assertThat(refused.reason()).isEqualTo(Reason.ENGINE_UNAVAILABLE);
        assertThat(refused.mayHaveBeenPublished()).isTrue();
        assertThat(refused.message())
                .isEqualTo("the stream engine is unavailable (append failed: reset); the batch may have been"
                        + " published nonetheless, and is then delivered when the engine is back: a retry may"
                        + " publish it twice")
                .doesNotContain("nothing was published");
    }

    private Rejected publishOver(EngineUnavailableException failure) {
        InMemoryStreamEngine stored =
                new InMemoryStreamEngine("epoch-1", 0, 1000, Duration.ofHours(1), 1000, Duration.ofDays(1), clock);
        StreamEngine failing = new StreamEngine() {
            @Override
            public Origin open() {
                return stored.open();
            }

            @Override
            public AppendResult append(List<Candidate> candidates) {
                throw failure;
            }

            @Override
            public Feed read(long afterSeq, int max, Duration wait) {
                return stored.read(afterSeq, max, wait);
            }

            @Override
            public boolean handedOut(String epoch, long seq) {
                return stored.handedOut(epoch, seq);
            }
        };
        IncidentView view = new IncidentView(1000, Duration.ofDays(1), clock);
        StreamFollower follower = new StreamFollower(
                failing, view, new InMemoryEventHistory("", 1000, Duration.ofHours(1), clock), sink.dispatcher, clock);
        follower.start();
        EventAdmission admission =
                new EventAdmission(sink.dispatcher, view, clock, new SequentialIds(), failing, follower, true, r -> {});
        return (Rejected) admission.publish(List.of(Publication.of(new SystemEvent("test", "one", Map.of()))));
    }
}
