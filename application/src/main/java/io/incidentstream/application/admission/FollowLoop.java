package io.incidentstream.application.admission;

import io.incidentstream.application.port.out.EngineUnavailableException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The thread that keeps a node following a shared engine. Each read waits at most
 * {@code POLL_WAIT}, so a lost stream is noticed within that (plus one round trip) even when
 * nothing is published. While the engine cannot be reached it retries with a growing pause and
 * reports the node not ready; the node's sessions stay open and get the stream again, in order,
 * from where this node stopped, once the engine answers.
 */
public final class FollowLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger(FollowLoop.class.getName());
    static final Duration POLL_WAIT = Duration.ofSeconds(2);
    private static final long MAX_PAUSE_MILLIS = 2000;

    private final StreamFollower follower;
    private volatile boolean running = true;
    private volatile String unavailable;
    private final AtomicReference<AppendFailure> appendFailure = new AtomicReference<>();
    private Thread thread;

    public FollowLoop(StreamFollower follower) {
        this.follower = follower;
    }

    public synchronized void start() {
        thread = new Thread(this, "incident-stream-follower");
        thread.setDaemon(true);
        thread.start();
    }

    /** Null while the engine answers; else why it does not. */
    public String unavailable() {
        String reading = unavailable;
        if (reading != null) {
            return reading;
        }
        AppendFailure failure = appendFailure.get();
        return failure == null ? null : failure.reason();
    }

    /**
     * An append found the engine unavailable: the node is not ready from now until a read that
     * started after this succeeds. Reads alone would say so only once their own, longer timeout ends
     * (a blocking read waits for the next publish as well), while publishes are already refused.
     */
    public void appendFailed(String reason) {
        appendFailure.set(new AppendFailure("stream engine unreachable: " + reason, System.nanoTime()));
    }

    private record AppendFailure(String reason, long atNanos) {}

    @Override
    public void run() {
        long pause = 50;
        while (running) {
            try {
                long started = System.nanoTime();
                follower.poll(POLL_WAIT);
                AppendFailure failure = appendFailure.get();
                if (failure != null && started - failure.atNanos() > 0) {
                    appendFailure.compareAndSet(failure, null);
                }
                if (unavailable != null) {
                    LOG.log(
                            System.Logger.Level.INFO,
                            "stream engine reachable again; following from seq " + follower.applied());
                    unavailable = null;
                }
                pause = 50;
            } catch (EngineUnavailableException e) {
                if (!running) {
                    return;
                }
                if (unavailable == null) {
                    LOG.log(System.Logger.Level.WARNING, "stream engine unreachable: " + e.getMessage());
                }
                unavailable = "stream engine unreachable: " + e.getMessage();
                pause = sleep(pause);
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // A bug must not stop this node from following: report it, pause, go on.
                LOG.log(System.Logger.Level.ERROR, "following the stream failed", e);
                unavailable = "following the stream failed: " + e;
                pause = sleep(pause);
            }
        }
    }

    private long sleep(long pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        return Math.min(MAX_PAUSE_MILLIS, pause * 2);
    }

    public void stop() {
        running = false;
        Thread current;
        synchronized (this) {
            current = thread;
        }
        if (current != null) {
            current.interrupt();
            try {
                current.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
