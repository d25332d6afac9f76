package io.incidentstream.benchmarks.load;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Publishes events over HTTP keep-alive at a fixed rate, open loop: event i is due at
 * {@code start + i / rate} whatever happened to earlier ones, and carries that due time, so a
 * late publish shows up as latency instead of silently lowering the rate (no coordinated omission).
 * Each event is an {@code alert_received} of severity P0 or P1 (alternately) whose description
 * holds {@code bench-t0=<due nanoTime>;phase=<phase>;}.
 */
public final class Publisher implements AutoCloseable {

    private final Target target;
    private final HttpClient http;
    private final AtomicLong outstanding = new AtomicLong();

    public Publisher(Target target, int connections) throws Exception {
        this.target = target;
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("bench-publisher");
        threads.setDaemon(true);
        this.http = new HttpClient();
        http.setExecutor(threads);
        http.setMaxConnectionsPerDestination(connections);
        http.setMaxRequestsQueuedPerDestination(1 << 16);
        http.setIdleTimeout(60_000);
        http.start();
    }

    /** The body of one fan-out event; the same bytes go to both servers. */
    public static String body(String severity, long dueNanos, int phase) {
        return "{\"event_type\":\"alert_received\",\"alert\":{\"source\":\"bench\",\"severity\":\"" + severity
                + "\",\"alert_type\":\"Application\",\"title\":\"fan-out benchmark\",\"description\":\"bench-t0="
                + dueNanos + ";phase=" + phase + ";\",\"labels\":{\"team\":\"payments\",\"env\":\"prod\"}}}";
    }

    /**
     * Publishes at {@code rate} per second for {@code seconds}, tagging events with {@code phase};
     * returns the number sent. Results are counted in {@code stats}.
     */
    public long publish(double rate, double seconds, int phase, PhaseStats stats) {
        long period = (long) (1e9 / rate);
        long count = Math.max(1, Math.round(rate * seconds));
        long start = System.nanoTime();
        stats.started(start);
        for (long i = 0; i < count; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String severity = (i & 1) == 0 ? "P1" : "P0";
            send(target.publishUri(severity), body(severity, due, phase), stats);
        }
        return count;
    }

    private void send(URI uri, String body, PhaseStats stats) {
        outstanding.incrementAndGet();
        http.newRequest(uri)
                .method(HttpMethod.POST)
                .timeout(30, TimeUnit.SECONDS)
                .body(new StringRequestContent("application/json", body))
                .send(result -> {
                    outstanding.decrementAndGet();
                    if (result.isSucceeded() && result.getResponse().getStatus() / 100 == 2) {
                        stats.countPublished();
                    } else {
                        stats.countPublishFailed();
                    }
                });
    }

    /** Waits (bounded) until every request sent has been answered. */
    public void awaitResponses(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (outstanding.get() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        LifeCycle.stop(http);
    }
}
