package io.incidentstream.benchmarks.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * WebSocket clients bound to source addresses 127.0.0.2, 127.0.0.3, ... ({@link SourceAddresses}), so
 * that tens of thousands of loopback connections find ephemeral ports. Connections are spread
 * round-robin, and at most {@code maxConnecting} handshakes are in flight at a time.
 */
public final class ClientPool implements AutoCloseable {

    private final SourceAddresses<WebSocketClient> clients;
    private final Semaphore connecting;
    private final boolean compression;
    private final AtomicInteger failed = new AtomicInteger();

    public ClientPool(int sources, int maxConnecting, boolean compression) throws Exception {
        this.connecting = new Semaphore(maxConnecting);
        this.compression = compression;
        this.clients = new SourceAddresses<>("bench-client", sources, 4 * maxConnecting, http -> {
            WebSocketClient client = new WebSocketClient(http);
            // Idle connections are the workload: neither side may time them out.
            client.setIdleTimeout(Duration.ofHours(2));
            client.setMaxTextMessageSize(16 << 20);
            client.setStopAtShutdown(false);
            client.start();
            return client;
        });
    }

    /** Connects {@code socket} from the next source address; waits for a free handshake slot first. */
    public CompletableFuture<?> connect(BenchSocket socket, Target target, List<String> severities)
            throws InterruptedException {
        if (!connecting.tryAcquire(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no handshake completed for 60 s");
        }
        WebSocketClient client = clients.next();
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
        clients.close();
    }
}
