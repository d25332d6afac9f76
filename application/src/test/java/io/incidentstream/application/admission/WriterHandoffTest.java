package io.incidentstream.application.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The dispatcher hands writes over in chunks; any other thread's go straight to the pool. */
class WriterHandoffTest {

    /** Records each task handed to the pool, and runs it when told. */
    private static final class RecordingPool implements Executor {
        final List<Runnable> handed = new CopyOnWriteArrayList<>();

        @Override
        public void execute(Runnable task) {
            handed.add(task);
        }

        void runAll() {
            handed.forEach(Runnable::run);
        }
    }

    private final RecordingPool pool = new RecordingPool();
    private final WriterHandoff handoff = new WriterHandoff(pool, Thread.currentThread());
    private final List<Integer> ran = new ArrayList<>();

    @Test
    void onTheDispatcherThread_tasksWaitForTheFlush_andGoOverAsOneTask_inOrder() {
        for (int i = 0; i < 5; i++) {
            int n = i;
            handoff.execute(() -> ran.add(n));
        }
        assertThat(pool.handed).isEmpty();

        handoff.flush();
        pool.runAll();

        assertThat(pool.handed).hasSize(1);
        assertThat(ran).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aFullChunk_goesOverAtOnce_withoutWaitingForTheFlush() {
        for (int i = 0; i < WriterHandoff.CHUNK + 1; i++) {
            int n = i;
            handoff.execute(() -> ran.add(n));
        }
        assertThat(pool.handed).hasSize(1);

        handoff.flush();
        pool.runAll();

        assertThat(pool.handed).hasSize(2);
        assertThat(ran).hasSize(WriterHandoff.CHUNK + 1).isSorted();
    }

    @Test
    void aFlushWithNothingWaiting_handsOverNothing() {
        handoff.flush();

        assertThat(pool.handed).isEmpty();
    }

    @Test
    void aTaskThatThrows_doesNotCostTheRestOfTheChunkTheirTurn() {
        handoff.execute(() -> ran.add(1));
        handoff.execute(() -> {
            throw new IllegalStateException("one session's write failed");
        });
        handoff.execute(() -> ran.add(3));
        handoff.flush();

        Thread runner = new Thread(pool::runAll);
        runner.setUncaughtExceptionHandler((thread, e) -> { });
        runner.run();

        assertThat(ran).containsExactly(1, 3);
    }

    @Test
    void fromAnyOtherThread_aTaskGoesStraightToThePool() throws InterruptedException {
        Thread other = new Thread(() -> handoff.execute(() -> ran.add(7)));
        other.start();
        other.join();

        assertThat(pool.handed).hasSize(1);
        pool.runAll();
        assertThat(ran).containsExactly(7);
    }
}
