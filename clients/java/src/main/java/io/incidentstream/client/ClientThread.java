package io.incidentstream.client;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client's one thread. All of the client's state is touched only here, so none of it needs a
 * lock; the public methods hand their work over with {@link #execute} or {@link #call}.
 */
final class ClientThread {

    /** How long a method called after {@link #shutdown} waits for the last task (a listener still running). */
    private static final long LAST_TASK_WAIT_SECONDS = 30;

    private volatile Thread owner;

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "incident-stream-client");
        // A client left unclosed must not keep the JVM alive.
        thread.setDaemon(true);
        owner = thread;
        return thread;
    });

    /** Runs the task later; a failure is logged, so that one bad task does not go unnoticed. */
    void execute(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    System.getLogger(IncidentStreamClient.class.getName())
                            .log(System.Logger.Level.ERROR, "incident-stream client failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the client is closed: build a new one", e);
        }
    }

    /**
     * Runs the task and waits for its result: for the public methods that answer. Called from the
     * client's own thread (a listener asking for positions, or stopping the client), the task runs at
     * once: waiting for a task queued behind the running one would wait for ever. Called after
     * {@link #shutdown}, it runs here once the last task has finished, since nothing changes the
     * state any more: positions can be read after close, to be saved.
     */
    <T> T call(Callable<T> task) {
        if (Thread.currentThread() == owner) {
            return callHere(task);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(task.call());
                } catch (Exception e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException closed) {
            awaitLastTask();
            return callHere(task);
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static <T> T callHere(Callable<T> task) {
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitLastTask() {
        try {
            if (!executor.awaitTermination(LAST_TASK_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(
                        "the client is closed, but its listener has been running for " + LAST_TASK_WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
        return executor.scheduleAtFixedRate(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    void shutdown() {
        executor.shutdown();
    }

    static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
