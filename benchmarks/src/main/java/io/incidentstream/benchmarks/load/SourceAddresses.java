package io.incidentstream.benchmarks.load;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * One Jetty HTTP/1.1 client per source address 127.0.0.2, 127.0.0.3, ...: one source address has
 * about 28k ephemeral ports, so tens of thousands of loopback connections need several. The clients
 * share one thread pool and scheduler and are handed out round-robin by {@link #next}. What each is
 * used as ({@code C}: the HttpClient itself, or a WebSocketClient over it) is up to the caller.
 */
final class SourceAddresses<C extends LifeCycle> implements AutoCloseable {

    /** Makes the started client of one source address from its HttpClient (configured, not yet started). */
    interface Starter<T> {
        T start(HttpClient http) throws Exception;
    }

    private final List<C> clients = new ArrayList<>();
    private final QueuedThreadPool threads;
    private final ScheduledExecutorScheduler scheduler;
    private final AtomicInteger next = new AtomicInteger();

    SourceAddresses(String threadName, int sources, int maxConnectionsPerSource, Starter<C> starter) throws Exception {
        this.threads = new QueuedThreadPool(64, 4);
        threads.setName(threadName);
        threads.setDaemon(true);
        threads.start();
        this.scheduler = new ScheduledExecutorScheduler(threadName + "-scheduler", true);
        scheduler.start();
        for (int i = 0; i < sources; i++) {
            ClientConnector connector = new ClientConnector();
            connector.setBindAddress(new InetSocketAddress("127.0.0." + (2 + i), 0));
            connector.setSelectors(1);
            connector.setExecutor(threads);
            connector.setScheduler(scheduler);
            HttpClient http = new HttpClient(new HttpClientTransportOverHTTP(connector));
            http.setExecutor(threads);
            http.setScheduler(scheduler);
            http.setMaxConnectionsPerDestination(maxConnectionsPerSource);
            http.setMaxRequestsQueuedPerDestination(1 << 20);
            clients.add(starter.start(http));
        }
    }

    /** The client of the next source address, round-robin. */
    C next() {
        return clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
    }

    @Override
    public void close() {
        for (C client : clients) {
            try {
                client.stop();
            } catch (Exception e) {
                // Best effort: the program is ending.
            }
        }
        try {
            scheduler.stop();
            threads.stop();
        } catch (Exception e) {
            // Best effort.
        }
    }
}
