package io.incidentstream.application.admission;

import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * Hands sessions with something to write over to the writer threads. Routing one event makes up to
 * a thousand sessions ready at once; handing each over alone cost a queue node, a lock on each side
 * and now and then a wake-up, per delivery. What the dispatcher thread hands over is collected here
 * and passed on in groups of {@link #GROUP}: a full group leaves at once, so writing starts while
 * routing goes on, and the dispatcher {@link #flush flushes} the rest when it ends each task, so
 * nothing waits for the next event. Every other thread hands over directly.
 *
 * <p>Only the dispatcher thread touches the group being filled, so it needs no lock.
 */
final class WriterHandoff implements Executor {

    /** Sessions per task handed to the pool: enough to spare the queue, few enough to share the work. */
    static final int GROUP = 32;

    private static final System.Logger LOG = System.getLogger(WriterHandoff.class.getName());

    private final Executor pool;
    private final BooleanSupplier onDispatcher;
    private Runnable[] group = new Runnable[GROUP];
    private int size;

    /**
     * @param pool         the writer threads
     * @param onDispatcher whether the calling thread is the dispatcher's, which calls {@link #flush}
     *                     at the end of each task
     */
    WriterHandoff(Executor pool, BooleanSupplier onDispatcher) {
        this.pool = pool;
        this.onDispatcher = onDispatcher;
    }

    @Override
    public void execute(Runnable task) {
        if (!onDispatcher.getAsBoolean()) {
            pool.execute(task);
            return;
        }
        group[size++] = task;
        if (size == GROUP) {
            flush();
        }
    }

    /** Hands over what the dispatcher thread collected; called by it at the end of each task. */
    void flush() {
        if (size == 0) {
            return;
        }
        Runnable[] tasks = group;
        int count = size;
        group = new Runnable[GROUP];
        size = 0;
        pool.execute(() -> runAll(tasks, count));
    }

    /** One session's failure must not leave the others of its group waiting for a write that never starts. */
    private static void runAll(Runnable[] tasks, int count) {
        for (int i = 0; i < count; i++) {
            try {
                tasks[i].run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "a session's write failed to start", e);
            }
        }
    }
}
