package io.incidentstream.adapters.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.adapters.websocket.testing.WebSocketServerFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Frames are read on the selector thread (DirectWriteConnection), which serves every other
 * connection too: a client that sends without pause must not keep it, and messages read partly on
 * the selector and partly on the pool keep their order. The fixture's server has one selector, as
 * on two cores.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SelectorFairnessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebSocketServerFixture server;

    @BeforeEach
    void start() throws Exception {
        server = new WebSocketServerFixture();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aClientThatNeverStopsSending_doesNotHoldUpTheOtherConnections() throws Exception {
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        try (RawClient flooder = new RawClient(server.uri().getPort())) {
            // Many frames per write, so that the socket always has more for the server to read.
            byte[] burst =
                    flooder.frames("{\"type\":\"ack\",\"message_id\":\"00000000-0000-0000-0000-000000000000\"}", 500);
            Thread sender = new Thread(() -> {
                try {
                    while (flooding.get()) {
                        flooder.out.write(burst);
                        written.addAndGet(burst.length);
                    }
                } catch (IOException closedByTheServer) {
                    // The rate limit ends the flood sooner or later (4029): nothing to report here.
                }
            });
            sender.start();
            try {
                // Well past what the loopback socket buffers hold: the server is reading the flood.
                awaitAtLeast(written, 8L << 20);
                long started = System.nanoTime();
                try (TestClient other = server.connect()) {
                    other.send("{\"type\":\"ping\",\"timestamp\":\"other\"}");
                    assertThat(other.next("pong").path("timestamp").asText()).isEqualTo("other");
                }
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .as("another client's upgrade, welcome and pong, while the flood goes on")
                        .isLessThan(Duration.ofSeconds(2));
                assertThat(sender.isAlive()).as("the flood went on meanwhile").isTrue();
            } finally {
                flooding.set(false);
                flooder.socket.close();
                sender.join();
            }
        }
    }

    @Test
    void aBurstReadPartlyOnThePool_isAnsweredWhole_andInOrder() throws Exception {
        int messages = DirectWriteConnection.FRAMES_PER_WAKE_UP * 3 + 5;
        try (RawClient client = new RawClient(server.uri().getPort())) {
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 0; i < messages; i++) {
                burst.write(client.frames("{\"type\":\"ping\",\"timestamp\":\"" + i + "\"}", 1));
            }
            // One write: the server finds every frame in one wake-up of its selector.
            client.out.write(burst.toByteArray());
            List<String> timestamps = new ArrayList<>();
            while (timestamps.size() < messages) {
                JsonNode message = JSON.readTree(client.readTextFrame());
                if ("pong".equals(message.path("type").asText())) {
                    timestamps.add(message.path("timestamp").asText());
                }
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                expected.add(String.valueOf(i));
            }
            assertThat(timestamps).isEqualTo(expected);
        }
    }

    private static void awaitAtLeast(AtomicLong counter, long bytes) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (counter.get() < bytes) {
            assertThat(System.nanoTime())
                    .as("the flood to reach %d bytes", bytes)
                    .isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    /** A WebSocket client on a plain socket: an upgrade, masked text frames out, unmasked frames in. */
    private static final class RawClient implements AutoCloseable {

        private static final byte[] MASK = {0x11, 0x22, 0x33, 0x44};

        final Socket socket;
        final OutputStream out;
        private final InputStream in;

        RawClient(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            out = socket.getOutputStream();
            in = socket.getInputStream();
            out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                            + "Sec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String head = readHead();
            assertThat(head).startsWith("HTTP/1.1 101");
        }

        private String readHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                assertThat(b).as("the upgrade response").isNotNegative();
                head.write(b);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }

        /** {@code count} copies of one masked text frame carrying {@code text} (under 126 bytes). */
        byte[] frames(String text, int count) {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            assertThat(payload.length).isLessThan(126);
            byte[] frame = new byte[2 + MASK.length + payload.length];
            frame[0] = (byte) 0x81;
            frame[1] = (byte) (0x80 | payload.length);
            System.arraycopy(MASK, 0, frame, 2, MASK.length);
            for (int i = 0; i < payload.length; i++) {
                frame[6 + i] = (byte) (payload[i] ^ MASK[i % 4]);
            }
            byte[] all = new byte[frame.length * count];
            for (int i = 0; i < count; i++) {
                System.arraycopy(frame, 0, all, i * frame.length, frame.length);
            }
            return all;
        }

        /** The next text frame's payload (the server's frames are unmasked and not fragmented). */
        String readTextFrame() throws IOException {
            while (true) {
                int first = in.read();
                int second = in.read();
                assertThat(second).as("a frame from the server").isNotNegative();
                long length = second & 0x7f;
                if (length == 126) {
                    length = (in.read() << 8) | in.read();
                } else if (length == 127) {
                    length = new java.io.DataInputStream(in).readLong();
                }
                byte[] payload = in.readNBytes((int) length);
                if ((first & 0x0f) == 0x1) {
                    return new String(payload, StandardCharsets.UTF_8);
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
