package io.incidentstream.application.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.Await;
import io.incidentstream.application.port.out.StreamMetrics;
import io.incidentstream.application.routing.EventRouter;
import io.incidentstream.application.routing.SubscriptionIndex;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Writes made ready by a dispatcher task reach the writers when the task ends, even a task that fails. */
@Timeout(10)
class DispatcherWritersTest {

    private final List<String> seen = new CopyOnWriteArrayList<>();

    @Test
    void aTasksWrites_reachTheWritersWhenItEnds_evenWhenItThrows() throws InterruptedException {
        Dispatcher dispatcher = dispatcherWithRecordingWriters();
        dispatcher.start(0);

        dispatcher.submit(() -> {
            dispatcher.writers().execute(() -> seen.add("write 1"));
            dispatcher.writers().execute(() -> seen.add("write 2"));
            seen.add("task 1 ends");
        });
        dispatcher.submit(() -> {
            dispatcher.writers().execute(() -> seen.add("write 3"));
            seen.add("task 2 fails");
            throw new IllegalStateException("a failing task");
        });
        dispatcher.submit(() -> seen.add("task 3"));
        Await.until(() -> seen.contains("task 3"), "the third task ran");
        dispatcher.stop();

        assertThat(seen)
                .containsExactly(
                        "task 1 ends",
                        "handed over",
                        "write 1",
                        "write 2",
                        "task 2 fails",
                        "handed over",
                        "write 3",
                        "task 3");
    }

    @Test
    void fromAnotherThread_aWriteIsHandedOverAtOnce() {
        Dispatcher dispatcher = dispatcherWithRecordingWriters();

        dispatcher.writers().execute(() -> seen.add("write"));

        assertThat(seen).containsExactly("handed over", "write");
    }

    /** A dispatcher whose writer pool notes each hand-over, then runs what it was handed. */
    private Dispatcher dispatcherWithRecordingWriters() {
        return new Dispatcher(4, new EventRouter(new SubscriptionIndex()), StreamMetrics.NONE, Thread::new, write -> {
            seen.add("handed over");
            write.run();
        });
    }
}
