package io.incidentstream.adapters.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.adapters.websocket.testing.WebSocketServerFixture;
import io.incidentstream.application.settings.StreamSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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
    /** Far beyond what loopback's socket buffers can hold: once written, the server is reading the flood. */
    private static final long FLOOD_BYTES = 32L << 20;

    private WebSocketServerFixture server;

    @BeforeEach
    void start() throws Exception {
        // A rate limit no flood here reaches: the flood must go on for as long as the test looks.
        server = new WebSocketServerFixture(
                StreamSettings.defaults().toBuilder()
                        .maxMessagesPerSecond(10_000_000)
                        .rateLimitCloseAfter(3_600)
                        .build(),
                false);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aClientThatSendsMessagesWithoutPause_doesNotHoldUpTheOtherConnections() throws Exception {
        byte[] ack = RawClient.textFrame("{\"type\":\"ack\",\"message_id\":\"00000000-0000-0000-0000-000000000000\"}");
        assertOthersAreServedWhileFlooding(new byte[0], RawClient.repeat(ack, 500));
    }

    /** Fragments of a message that never ends: no message is complete, so none is rate-limited. */
    @Test
    void aClientThatSendsFragmentsWithoutEnd_doesNotHoldUpTheOtherConnections() throws Exception {
        byte[] opening = RawClient.frame(0x01, new byte[0]);
        byte[] continuation = RawClient.frame(0x00, new byte[0]);
        assertOthersAreServedWhileFlooding(opening, RawClient.repeat(continuation, 5_000));
    }

    private void assertOthersAreServedWhileFlooding(byte[] first, byte[] burst) throws Exception {
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        CountDownLatch flooded = new CountDownLatch(1);
        try (RawClient flooder = new RawClient(server.uri().getPort())) {
            flooder.out.write(first);
            Thread sender = new Thread(() -> {
                try {
                    while (flooding.get()) {
                        flooder.out.write(burst);
                        if (written.addAndGet(burst.length) >= FLOOD_BYTES) {
                            flooded.countDown();
                        }
                    }
                } catch (IOException closed) {
                    // Closed by the test at its end; the assertions below say whether that came too soon.
                }
            });
            sender.start();
            try {
                // Awaited without spinning, which would take a core from the server.
                assertThat(flooded.await(20, TimeUnit.SECONDS))
                        .as("the flood to reach %d bytes", FLOOD_BYTES)
                        .isTrue();
                long started = System.nanoTime();
                try (TestClient other = server.connect()) {
                    other.send("{\"type\":\"ping\",\"timestamp\":\"other\"}");
                    assertThat(other.next("pong").path("timestamp").asText()).isEqualTo("other");
                }
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .as("another client's upgrade, welcome and pong, while the flood goes on")
                        .isLessThan(Duration.ofSeconds(5));
                assertThat(sender.isAlive()).as("the flood went on meanwhile").isTrue();
            } finally {
                flooding.set(false);
                flooder.socket.close();
                sender.join();
            }
        }
    }

    /** More frames in one write than a wake-up of the selector reads of one connection. */
    @Test
    void aBurstLongerThanOneWakeUpReads_isAnsweredWhole_andInOrder() throws Exception {
        int messages = DirectWriteConnection.FRAMES_PER_WAKE_UP * 3 + 5;
        try (RawClient client = new RawClient(server.uri().getPort())) {
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 0; i < messages; i++) {
                burst.write(RawClient.textFrame("{\"type\":\"ping\",\"timestamp\":\"" + i + "\"}"));
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

        /** A final text frame carrying {@code text}, masked. */
        static byte[] textFrame(String text) {
            return frame(0x81, text.getBytes(StandardCharsets.UTF_8));
        }

        /** A masked frame of {@code first} (FIN and opcode) carrying {@code payload} (under 126 bytes). */
        static byte[] frame(int first, byte[] payload) {
            assertThat(payload.length).isLessThan(126);
            byte[] frame = new byte[2 + MASK.length + payload.length];
            frame[0] = (byte) first;
            frame[1] = (byte) (0x80 | payload.length);
            System.arraycopy(MASK, 0, frame, 2, MASK.length);
            for (int i = 0; i < payload.length; i++) {
                frame[6 + i] = (byte) (payload[i] ^ MASK[i % 4]);
            }
            return frame;
        }

        static byte[] repeat(byte[] frame, int count) {
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
