package io.incidentstream.application.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.port.out.StreamEngine;
import io.incidentstream.application.port.out.StreamEngine.Logged;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The engine contract against the in-memory engine of a single node, and what only it can promise. */
class InMemoryStreamEngineTest extends StreamEngineContract {

    /** The clock of the engines a test of this class makes itself (the contract's get their own). */
    private final FakeClock ttlClock = new FakeClock(AT);

    @Override
    protected StreamEngine newEngine(int capacity, int maxIncidents, Duration closedRetention, Clock clock) {
        return new InMemoryStreamEngine(
                UUID.randomUUID().toString(), 0, capacity, Duration.ofHours(1), maxIncidents, closedRetention, clock);
    }

    @Test
    void withNoHistory_anEventIsKeptUntilItsReaderHasIt_thenForgotten() {
        StreamEngine engine = newEngine(0, 100);
        engine.append(List.of(system("first")));

        assertThat(engine.read(0, 100, Duration.ZERO).events())
                .extracting(Logged::seq)
                .containsExactly(1L);
        engine.append(List.of(system("second")));
        assertThat(engine.read(1, 100, Duration.ZERO).events())
                .extracting(Logged::seq)
                .containsExactly(2L);
        // The reader asks for what follows 2: it has both.
        engine.read(2, 100, Duration.ZERO);
        assertThat(engine.read(0, 100, Duration.ZERO).events())
                .as("both read: nothing kept")
                .isEmpty();
    }

    @Test
    void aBatchLargerThanTheHistory_reachesItsReaderWhole_andOnlyTheHistoryStaysAfterwards() {
        StreamEngine engine = newEngine(3, 100);
        List<StreamEngine.Candidate> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(system("m" + i));
        }
        engine.append(batch);

        assertThat(engine.read(0, 100, Duration.ZERO).events()).hasSize(10);
        engine.read(10, 100, Duration.ZERO);
        assertThat(engine.read(0, 100, Duration.ZERO).events())
                .extracting(Logged::seq)
                .containsExactly(8L, 9L, 10L);
    }

    @Test
    void unreadEvents_outliveTheirTimeToLive_untilRead() {
        StreamEngine engine = new InMemoryStreamEngine(
                UUID.randomUUID().toString(), 0, 100, Duration.ofMinutes(5), 100, Duration.ofDays(1), ttlClock);
        engine.append(List.of(system("old")));
        ttlClock.advance(Duration.ofMinutes(10));

        assertThat(engine.read(0, 100, Duration.ZERO).events()).hasSize(1);
        engine.read(1, 100, Duration.ZERO);
        assertThat(engine.read(0, 100, Duration.ZERO).events()).isEmpty();
    }
}
