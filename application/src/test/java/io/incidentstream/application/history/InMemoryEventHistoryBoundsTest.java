package io.incidentstream.application.history;

import static io.incidentstream.application.fixtures.TestAdmittedEvents.admittedAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.application.port.out.EventHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history keeps the last events, bounded by count and by age; what it dropped cannot be resumed from. */
class InMemoryEventHistoryBoundsTest {

    private final FakeClock clock = new FakeClock();

    @Test
    void beyondCapacity_theOldestEventsGo_andRangesStartingBeforeTheRetainedOnesAreRefused() {
        InMemoryEventHistory history = new InMemoryEventHistory("e", 3, Duration.ofHours(1), clock);
        for (long seq = 1; seq <= 5; seq++) {
            history.append(admittedAt(seq, clock.instant()));
        }

        assertThat(history.size()).isEqualTo(3);
        assertThat(history.lastSeq()).isEqualTo(5);
        assertThat(history.read(0, 5)).isNull();
        assertThat(history.read(1, 5)).isNull();
        assertThat(seqs(history.read(2, 5))).containsExactly(3L, 4L, 5L);
    }

    @Test
    void eventsOlderThanTheTtl_areForgotten_evenWithoutNewAppends() {
        InMemoryEventHistory history = new InMemoryEventHistory("e", 100, Duration.ofSeconds(60), clock);
        history.append(admittedAt(1, clock.instant()));
        clock.advance(Duration.ofSeconds(30));
        history.append(admittedAt(2, clock.instant()));
        clock.advance(Duration.ofSeconds(31));

        assertThat(history.size()).isEqualTo(1);
        assertThat(history.read(0, 2)).isNull();
        assertThat(seqs(history.read(1, 2))).containsExactly(2L);
    }

    @Test
    void onceEverythingExpired_onlyTheEmptyRangeAtTheEndIsReadable_andAppendsContinueFromThere() {
        InMemoryEventHistory history = new InMemoryEventHistory("e", 100, Duration.ofSeconds(60), clock);
        history.append(admittedAt(1, clock.instant()));
        history.append(admittedAt(2, clock.instant()));
        clock.advance(Duration.ofHours(2));

        assertThat(history.size()).isZero();
        assertThat(history.lastSeq()).isEqualTo(2);
        assertThat(history.read(1, 2)).isNull();
        assertThat(seqs(history.read(2, 2))).isEmpty();

        history.append(admittedAt(3, clock.instant()));
        assertThat(history.read(1, 3)).isNull();
        assertThat(seqs(history.read(2, 3))).containsExactly(3L);
    }

    static List<Long> seqs(EventHistory.Cursor cursor) {
        assertThat(cursor).as("cursor").isNotNull();
        List<Long> seqs = new ArrayList<>();
        for (AdmittedEvent event = cursor.next(); event != null; event = cursor.next()) {
            seqs.add(event.seq());
        }
        return seqs;
    }
}
