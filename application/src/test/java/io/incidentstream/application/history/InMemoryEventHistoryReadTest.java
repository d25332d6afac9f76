package io.incidentstream.application.history;

import static io.incidentstream.application.fixtures.TestAdmittedEvents.admittedAt;
import static io.incidentstream.application.history.InMemoryEventHistoryBoundsTest.seqs;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.port.out.EventHistory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reading a range (afterSeq, upToSeq]: which ranges are refused, and how a cursor walks one. */
class InMemoryEventHistoryReadTest {

    private final FakeClock clock = new FakeClock();
    private final InMemoryEventHistory history = new InMemoryEventHistory("epoch-1", 10, Duration.ofHours(1), clock);

    private void appendUpTo(long lastSeq) {
        for (long seq = history.lastSeq() + 1; seq <= lastSeq; seq++) {
            history.append(admittedAt(seq, clock.instant()));
        }
    }

    @Test
    void aNewHistory_isAtSeqZero_andOwnsItsEpoch() {
        assertThat(history.lastSeq()).isZero();
        assertThat(history.epoch()).isEqualTo("epoch-1");
        assertThat(seqs(history.read(0, 0))).isEmpty();
    }

    @Test
    void aRetainedRange_isReadInSeqOrder_upToItsEnd() {
        appendUpTo(6);

        assertThat(seqs(history.read(0, 6))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(seqs(history.read(2, 4))).containsExactly(3L, 4L);
    }

    @Test
    void aRangeEndingBeyondTheLastSeq_isRefused() {
        appendUpTo(3);

        assertThat(history.read(0, 4)).isNull();
        assertThat(history.read(5, 7)).isNull();
    }

    @Test
    void aRangeStartingAfterItsEnd_isRefused() {
        appendUpTo(3);

        assertThat(history.read(3, 2)).isNull();
    }

    @Test
    void anEmptyRange_givesAnEmptyCursor() {
        appendUpTo(3);

        assertThat(seqs(history.read(3, 3))).isEmpty();
        assertThat(seqs(history.read(1, 1))).isEmpty();
    }

    @Test
    void aCursor_keepsItsPlace_andFinishesItsRange_afterTheHistoryTrimmedPastIt() {
        appendUpTo(10);
        EventHistory.Cursor cursor = history.read(0, 10);
        assertThat(cursor.next().seq()).isEqualTo(1);
        assertThat(cursor.next().seq()).isEqualTo(2);

        appendUpTo(1000);

        assertThat(history.read(0, 10)).as("the range is no longer retained").isNull();
        assertThat(seqs(cursor)).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(cursor.next()).as("a finished cursor stays finished").isNull();
    }

    @Test
    void aCopy_walksIndependentlyFromTheSamePlace() {
        appendUpTo(5);
        EventHistory.Cursor cursor = history.read(0, 5);
        cursor.next();

        EventHistory.Cursor copy = cursor.copy();

        assertThat(seqs(copy)).containsExactly(2L, 3L, 4L, 5L);
        assertThat(seqs(cursor)).containsExactly(2L, 3L, 4L, 5L);
        assertThat(seqs(cursor.copy())).isEmpty();
    }
}
