package io.incidentstream.benchmarks.load;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Subscribers over Server-Sent Events ({@code GET /sse}), for FanOut's {@code --transport sse}: the
 * same Jetty client stack as the WebSocket subscribers of {@link ClientPool} (HTTP/1.1, one
 * connection per stream, bound to 127.0.0.2, 127.0.0.3, ...), so that the two transports are compared
 * with the same client. Lines are parsed as the bytes arrive, on Jetty's threads, without blocking.
 */
public final class SseStreams implements AutoCloseable {

    private final List<HttpClient> clients = new ArrayList<>();
    private final QueuedThreadPool threads;
    private final ScheduledExecutorScheduler scheduler;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    public SseStreams(int sources, int maxStreamsPerSource) throws Exception {
        this.threads = new QueuedThreadPool(64, 4);
        threads.setName("bench-sse");
        threads.setDaemon(true);
        threads.start();
        this.scheduler = new ScheduledExecutorScheduler("bench-sse-scheduler", true);
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
            // One connection per open stream: HTTP/1.1 carries one response at a time.
            http.setMaxConnectionsPerDestination(maxStreamsPerSource + 16);
            http.setMaxRequestsQueuedPerDestination(1 << 20);
            http.setIdleTimeout(TimeUnit.HOURS.toMillis(2));
            http.start();
            clients.add(http);
        }
    }

    /**
     * Opens one stream; {@code onReady} runs once its {@code subscribed} event arrives, {@code onMessage}
     * gets the data (the JSON message) of every later event, and {@code onClosed} runs once when the
     * stream ends or fails.
     */
    public void open(Target target, String subscriptionId, List<String> severities, Runnable onReady,
                     Consumer<String> onMessage, Consumer<String> onClosed) {
        HttpClient http = clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
        Parser parser = new Parser(onReady, onMessage);
        http.newRequest(target.sseUri(subscriptionId, severities))
                .headers(headers -> headers.put(HttpHeader.ACCEPT, "text/event-stream"))
                .idleTimeout(2, TimeUnit.HOURS)
                .onResponseContent((response, content) -> parser.feed(content))
                .send(result -> {
                    if (result.isFailed() || result.getResponse().getStatus() != 200) {
                        failed.incrementAndGet();
                    }
                    onClosed.accept(result.isFailed() ? String.valueOf(result.getFailure())
                            : "status " + result.getResponse().getStatus() + ", stream ended");
                });
    }

    public int failedStreams() {
        return failed.get();
    }

    @Override
    public void close() {
        for (HttpClient client : clients) {
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

    /** The SSE lines of one stream: {@code event:} and {@code data:} fields, a blank line ending each event. */
    private static final class Parser {
        private final Runnable onReady;
        private final Consumer<String> onMessage;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        private String event;
        private String data;
        private boolean ready;

        Parser(Runnable onReady, Consumer<String> onMessage) {
            this.onReady = onReady;
            this.onMessage = onMessage;
        }

        void feed(ByteBuffer content) {
            while (content.hasRemaining()) {
                byte b = content.get();
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (text.isEmpty()) {
                    dispatch();
                } else if (text.startsWith("event: ")) {
                    event = text.substring(7);
                } else if (text.startsWith("data: ")) {
                    data = text.substring(6);
                }
            }
        }

        private void dispatch() {
            if (!ready && "subscribed".equals(event)) {
                ready = true;
                onReady.run();
            } else if (ready && data != null) {
                onMessage.accept(data);
            }
            event = null;
            data = null;
        }
    }
}
