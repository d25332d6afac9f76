package io.incidentstream.application.session;

import static io.incidentstream.application.session.OutboxMessages.SIZE;
import static io.incidentstream.application.session.OutboxMessages.event;
import static io.incidentstream.application.session.OutboxMessages.summary;
import static io.incidentstream.domain.event.Priority.CRITICAL;
import static io.incidentstream.domain.event.Priority.HIGH;
import static io.incidentstream.domain.event.Priority.LOW;
import static io.incidentstream.domain.event.Priority.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.RecordingChannel;
import io.incidentstream.domain.event.Priority;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A full queue makes room by priority: the oldest queued event of lower priority than the arriving
 * one gives way, or the arriving one if nothing queued is lower; a gap stands where they stood and
 * merges with its neighbours; delivered events keep their order.
 */
class OutboxPriorityTest {

    private final RecordingChannel channel = new RecordingChannel();
    private final RecordingOutboxListener listener = new RecordingOutboxListener();
    private final Outbox outbox = new Outbox(channel, listener, 3, Long.MAX_VALUE, java.time.Clock.systemUTC());

    @BeforeEach
    void stalledClientWithEventOneInFlight() {
        channel.hold();
        offer(1, NORMAL);
    }

    @Test
    void arrivingHigherPriority_dropsTheOldestLowerOne() {
        offer(2, NORMAL);
        offer(3, LOW);
        offer(4, LOW);

        offer(5, HIGH);

        assertThat(listener.dropped).containsExactly(NORMAL);
        assertThat(deliveredAfterRelease()).containsExactly("1:normal", "gap 2-2/1", "3:low", "4:low", "5:high");
    }

    @Test
    void arrivingNormal_dropsLowBeforeOlderNormal() {
        offer(2, NORMAL);
        offer(3, LOW);
        offer(4, NORMAL);

        offer(5, NORMAL);

        assertThat(listener.dropped).containsExactly(LOW);
        assertThat(deliveredAfterRelease())
                .containsExactly("1:normal", "2:normal", "gap 3-3/1", "4:normal", "5:normal");
    }

    @Test
    void arrivingEvent_isDroppedWithAGap_whenNothingQueuedIsLower() {
        offer(2, HIGH);
        offer(3, NORMAL);
        offer(4, HIGH);

        offer(5, LOW);
        offer(6, NORMAL);

        assertThat(listener.dropped).containsExactly(LOW, NORMAL);
        assertThat(deliveredAfterRelease()).containsExactly("1:normal", "2:high", "3:normal", "4:high", "gap 5-6/2");
    }

    @Test
    void droppedEvent_mergesWithGapsOnBothSides() {
        offer(2, NORMAL);
        offer(3, NORMAL);
        offer(4, NORMAL);
        offer(5, LOW);
        offer(6, CRITICAL);
        offer(7, CRITICAL);

        offer(8, CRITICAL);

        assertThat(deliveredAfterRelease())
                .containsExactly("1:normal", "gap 2-5/4", "6:critical", "7:critical", "8:critical");
    }

    @Test
    void gapBetweenTwoDrops_keepsSeparateRangesWhenAnEventStandsBetween() {
        offer(2, LOW);
        offer(3, HIGH);
        offer(4, LOW);

        offer(5, NORMAL);
        offer(6, NORMAL);

        assertThat(deliveredAfterRelease())
                .containsExactly("1:normal", "gap 2-2/1", "3:high", "gap 4-4/1", "5:normal", "6:normal");
    }

    @Test
    void criticalArrivingAtAQueueFullOfCritical_overwhelmsTheSession() {
        offer(2, CRITICAL);
        offer(3, CRITICAL);
        offer(4, CRITICAL);

        offer(5, CRITICAL);

        assertThat(listener.overwhelmed).hasValue(1);
        assertThat(listener.dropped).containsExactly(CRITICAL);
    }

    @Test
    void criticalArriving_dropsHighRatherThanOverwhelming() {
        offer(2, CRITICAL);
        offer(3, HIGH);
        offer(4, CRITICAL);

        offer(5, CRITICAL);

        assertThat(listener.overwhelmed).hasValue(0);
        assertThat(deliveredAfterRelease())
                .containsExactly("1:normal", "2:critical", "gap 3-3/1", "4:critical", "5:critical");
    }

    @Test
    void highArrivingAtAQueueFullOfCritical_isDroppedWithoutOverwhelming() {
        offer(2, CRITICAL);
        offer(3, CRITICAL);
        offer(4, CRITICAL);

        offer(5, HIGH);

        assertThat(listener.overwhelmed).hasValue(0);
        assertThat(deliveredAfterRelease()).endsWith("gap 5-5/1");
    }

    private void offer(long seq, Priority priority) {
        outbox.offerEvent(event(seq, priority), SIZE);
    }

    private java.util.List<String> deliveredAfterRelease() {
        channel.release();
        return summary(channel.messages());
    }
}
