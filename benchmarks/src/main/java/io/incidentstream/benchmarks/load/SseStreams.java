package io.incidentstream.benchmarks.load;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Subscribers over Server-Sent Events ({@code GET /sse}), for FanOut's {@code --transport sse}: the
 * same Jetty client stack as the WebSocket subscribers of {@link ClientPool} (HTTP/1.1, one
 * connection per stream, bound to 127.0.0.2, 127.0.0.3, ...), so that the two transports are compared
 * with the same client. Lines are parsed as the bytes arrive, on Jetty's threads, without blocking.
 */
public final class SseStreams implements AutoCloseable {

    private final SourceAddresses<HttpClient> clients;
    private final AtomicInteger failed = new AtomicInteger();

    public SseStreams(int sources, int maxStreamsPerSource) throws Exception {
        // One connection per open stream: HTTP/1.1 carries one response at a time.
        this.clients = new SourceAddresses<>("bench-sse", sources, maxStreamsPerSource + 16, http -> {
            http.setIdleTimeout(TimeUnit.HOURS.toMillis(2));
            http.start();
            return http;
        });
    }

    /**
     * Opens one stream; {@code onReady} runs once its {@code subscribed} event arrives, {@code onMessage}
     * gets the data (the JSON message) of every later event, and {@code onClosed} runs once when the
     * stream ends or fails.
     */
    public void open(
            Target target,
            String subscriptionId,
            List<String> severities,
            Runnable onReady,
            Consumer<String> onMessage,
            Consumer<String> onClosed) {
        HttpClient http = clients.next();
        Parser parser = new Parser(onReady, onMessage);
        http.newRequest(target.sseUri(subscriptionId, severities))
                .headers(headers -> headers.put(HttpHeader.ACCEPT, "text/event-stream"))
                .idleTimeout(2, TimeUnit.HOURS)
                .onResponseContent((response, content) -> parser.feed(content))
                .send(result -> {
                    if (result.isFailed() || result.getResponse().getStatus() != 200) {
                        failed.incrementAndGet();
                    }
                    onClosed.accept(
                            result.isFailed()
                                    ? String.valueOf(result.getFailure())
                                    : "status " + result.getResponse().getStatus() + ", stream ended");
                });
    }

    public int failedStreams() {
        return failed.get();
    }

    @Override
    public void close() {
        clients.close();
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
