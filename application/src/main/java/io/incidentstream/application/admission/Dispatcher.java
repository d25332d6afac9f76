package io.incidentstream.application.admission;

import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.application.port.out.StreamMetrics;
import io.incidentstream.application.routing.EventRouter;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The single thread that routes events, in seq order, and applies subscription changes between
 * them. Because both go through one FIFO, a subscription change takes effect at a precise point of
 * the stream: every event up to {@link #lastDispatchedSeq()} was routed before it, every later one
 * after. The router and index are touched by this thread only, so they need no locks.
 *
 * <p>Events are bounded by the capacity admission and the follower check; control tasks are bounded
 * by the sessions' own limits.
 */
public final class Dispatcher {

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());
    private static final Object STOP = new Object();

    private final BlockingQueue<Object> tasks = new LinkedBlockingQueue<>();
    private final AtomicInteger pendingEvents = new AtomicInteger();
    private final int capacity;
    private final EventRouter router;
    private final StreamMetrics metrics;
    private final Thread thread;
    private final WriterHandoff writers;
    private volatile long lastDispatchedSeq;

    /** A dispatcher whose sessions write on the thread that hands them over (tests of ordering). */
    public Dispatcher(int capacity, EventRouter router, StreamMetrics metrics, ThreadFactory threads) {
        this(capacity, router, metrics, threads, Runnable::run);
    }

    /**
     * @param writers the writer threads, which sessions this dispatcher makes ready are handed to
     *                through {@link #writers()}
     */
    public Dispatcher(
            int capacity, EventRouter router, StreamMetrics metrics, ThreadFactory threads, Executor writers) {
        this.capacity = capacity;
        this.router = router;
        this.metrics = metrics;
        this.writers = new WriterHandoff(writers, this::onDispatcherThread);
        this.thread = threads.newThread(this::run);
    }

    /**
     * Where sessions start a write: the writer threads, reached in groups from this dispatcher's
     * thread (each task's group handed over when the task ends) and directly from any other.
     */
    public Executor writers() {
        return writers;
    }

    public void start(long startSeq) {
        lastDispatchedSeq = startSeq;
        thread.start();
    }

    /** Stops after the tasks already queued. */
    public void stop() throws InterruptedException {
        tasks.add(STOP);
        thread.join();
    }

    /**
     * Queues an admitted event. Admission checked for room before appending; events from other nodes
     * are taken in any case (their follower waits while the queue is full), so the bound holds.
     */
    void accept(AdmittedEvent event) {
        pendingEvents.incrementAndGet();
        tasks.add(event);
    }

    /** Runs {@code task} on the dispatcher thread, between two events. */
    public void submit(Runnable task) {
        tasks.add(task);
    }

    public int capacity() {
        return capacity;
    }

    /** Events accepted but not yet routed. */
    public int pendingEvents() {
        return pendingEvents.get();
    }

    /** The seq of the last event routed; read on the dispatcher thread it is exact. */
    public long lastDispatchedSeq() {
        return lastDispatchedSeq;
    }

    public boolean onDispatcherThread() {
        return Thread.currentThread() == thread;
    }

    private void run() {
        while (true) {
            Object task;
            try {
                task = tasks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (task == STOP) {
                return;
            }
            try {
                if (task instanceof AdmittedEvent event) {
                    dispatch(event);
                } else {
                    ((Runnable) task).run();
                }
            } catch (RuntimeException e) {
                // One bad task must not stop the stream for everybody.
                LOG.log(System.Logger.Level.ERROR, "dispatcher task failed: " + task, e);
            }
            try {
                writers.flush();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "handing writes over after a dispatcher task failed", e);
            }
        }
    }

    private void dispatch(AdmittedEvent event) {
        try {
            router.route(event);
            metrics.eventBroadcast(event.event().type());
        } finally {
            lastDispatchedSeq = event.seq();
            pendingEvents.decrementAndGet();
        }
    }
}
