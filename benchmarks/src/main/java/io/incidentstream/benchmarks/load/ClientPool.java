package io.incidentstream.benchmarks.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * WebSocket clients bound to source addresses 127.0.0.2, 127.0.0.3, ...: one source address has
 * about 28k ephemeral ports, so tens of thousands of loopback connections need several. Connections
 * are spread round-robin, and at most {@code maxConnecting} handshakes are in flight at a time.
 */
public final class ClientPool implements AutoCloseable {

    private final List<WebSocketClient> clients = new ArrayList<>();
    private final QueuedThreadPool threads;
    private final ScheduledExecutorScheduler scheduler;
    private final Semaphore connecting;
    private final boolean compression;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    public ClientPool(int sources, int maxConnecting, boolean compression) throws Exception {
        this.connecting = new Semaphore(maxConnecting);
        this.compression = compression;
        this.threads = new QueuedThreadPool(64, 4);
        threads.setName("bench-client");
        threads.setDaemon(true);
        threads.start();
        this.scheduler = new ScheduledExecutorScheduler("bench-client-scheduler", true);
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
            http.setMaxConnectionsPerDestination(4 * maxConnecting);
            http.setMaxRequestsQueuedPerDestination(1 << 20);
            WebSocketClient client = new WebSocketClient(http);
            // Idle connections are the workload: neither side may time them out.
            client.setIdleTimeout(Duration.ofHours(2));
            client.setMaxTextMessageSize(16 << 20);
            client.setStopAtShutdown(false);
            client.start();
            clients.add(client);
        }
    }

    /** Connects {@code socket} from the next source address; waits for a free handshake slot first. */
    public CompletableFuture<?> connect(BenchSocket socket, Target target, List<String> severities)
            throws InterruptedException {
        if (!connecting.tryAcquire(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no handshake completed for 60 s");
        }
        WebSocketClient client = clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
        ClientUpgradeRequest request = new ClientUpgradeRequest(target.subscribeUri(severities));
        if (compression) {
            request.addExtensions("permessage-deflate");
        }
        CompletableFuture<?> future;
        try {
            future = client.connect(socket, request);
        } catch (Exception e) {
            connecting.release();
            failed.incrementAndGet();
            return CompletableFuture.failedFuture(e);
        }
        return future.whenComplete((session, error) -> {
            connecting.release();
            if (error != null) {
                failed.incrementAndGet();
            }
        });
    }

    public int failedConnects() {
        return failed.get();
    }

    @Override
    public void close() {
        for (WebSocketClient client : clients) {
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
