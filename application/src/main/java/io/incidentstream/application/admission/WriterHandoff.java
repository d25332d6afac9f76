package io.incidentstream.application.admission;

import java.util.concurrent.Executor;

/**
 * How the dispatcher thread hands sessions' writes to the writer pool: in chunks, not one task per
 * session. Routing one event to a thousand idle sessions would otherwise queue a thousand tasks,
 * each with its own queue node and, often, its own thread wake-up; in chunks of {@value #CHUNK}
 * that is a few dozen, and the first chunk starts writing while the event is still being routed.
 *
 * <p>Tasks from any other thread go straight to the pool. The chunk being filled belongs to the
 * dispatcher thread alone, which flushes it after each task it runs.
 */
public final class WriterHandoff implements Executor {

    static final int CHUNK = 32;

    private final Executor writers;
    private final Thread dispatcherThread;
    private Runnable[] chunk = new Runnable[CHUNK];
    private int size;

    WriterHandoff(Executor writers, Thread dispatcherThread) {
        this.writers = writers;
        this.dispatcherThread = dispatcherThread;
    }

    @Override
    public void execute(Runnable task) {
        if (Thread.currentThread() != dispatcherThread) {
            writers.execute(task);
            return;
        }
        chunk[size++] = task;
        if (size == CHUNK) {
            flush();
        }
    }

    /** Hands over what the dispatcher queued since the last flush; on the dispatcher thread only. */
    void flush() {
        if (size == 0) {
            return;
        }
        Runnable[] tasks = chunk;
        int count = size;
        chunk = new Runnable[CHUNK];
        size = 0;
        writers.execute(() -> {
            for (int i = 0; i < count; i++) {
                try {
                    tasks[i].run();
                } catch (RuntimeException e) {
                    // One session's failed write must not cost the rest of the chunk theirs.
                    Thread thread = Thread.currentThread();
                    thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
                }
            }
        });
    }
}
