package io.incidentstream.application.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WriterHandoffTest {

    /** The pool as a list of the tasks handed to it, run when the test says. */
    private final List<Runnable> handed = new ArrayList<>();

    private final List<Integer> ran = new ArrayList<>();

    @Test
    void offTheDispatcher_eachTaskIsHandedOverAtOnce() {
        WriterHandoff handoff = new WriterHandoff(handed::add, () -> false);
        handoff.execute(() -> ran.add(1));
        handoff.execute(() -> ran.add(2));

        assertThat(handed).hasSize(2);
        runHanded();
        assertThat(ran).containsExactly(1, 2);
    }

    @Test
    void onTheDispatcher_tasksWaitForTheFlush_thenGoAsOneTask_inOrder() {
        WriterHandoff handoff = new WriterHandoff(handed::add, () -> true);
        for (int i = 0; i < 5; i++) {
            int n = i;
            handoff.execute(() -> ran.add(n));
        }
        assertThat(handed).as("nothing handed over before the flush").isEmpty();

        handoff.flush();
        assertThat(handed).hasSize(1);
        runHanded();
        assertThat(ran).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aFullGroupLeavesAtOnce_andTheRestAtTheFlush() {
        WriterHandoff handoff = new WriterHandoff(handed::add, () -> true);
        int total = WriterHandoff.GROUP * 2 + 3;
        for (int i = 0; i < total; i++) {
            int n = i;
            handoff.execute(() -> ran.add(n));
        }
        assertThat(handed).as("two full groups, before routing ends").hasSize(2);

        handoff.flush();
        assertThat(handed).hasSize(3);
        runHanded();
        assertThat(ran).hasSize(total).isSorted();
    }

    @Test
    void aFlushWithNothingCollected_handsNothingOver() {
        WriterHandoff handoff = new WriterHandoff(handed::add, () -> true);
        handoff.flush();
        handoff.execute(() -> ran.add(1));
        handoff.flush();
        handoff.flush();

        assertThat(handed).hasSize(1);
    }

    @Test
    void aTaskThatThrows_doesNotKeepTheRestOfItsGroupFromRunning() {
        WriterHandoff handoff = new WriterHandoff(handed::add, () -> true);
        handoff.execute(() -> ran.add(1));
        handoff.execute(() -> {
            throw new IllegalStateException("broken session");
        });
        handoff.execute(() -> ran.add(3));
        handoff.flush();

        runHanded();
        assertThat(ran).containsExactly(1, 3);
    }

    private void runHanded() {
        List<Runnable> tasks = new ArrayList<>(handed);
        handed.clear();
        tasks.forEach(Runnable::run);
    }
}
