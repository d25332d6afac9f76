package io.incidentstream.adapters.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.adapters.websocket.testing.WebSocketServerFixture;
import io.incidentstream.application.port.in.PublishResult;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.event.SystemEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Frame;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bytes on the wire of {@code event} messages written from reused frames, read frame by frame
 * by a real Jetty client: one final text frame per message, the event encoded once and the same for
 * every recipient, followed by exactly that session's subscription ids, however many events are
 * written in a row (one at a time or in batches) and whatever frame the bytes were in before.
 */
@Timeout(60)
public class EventFrameWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = ",\"subscription_ids\":";

    @Test
    void everyRecipient_getsOneFinalTextFrame_sharedEventBytesAndItsOwnIds() throws Exception {
        try (WebSocketServerFixture server = new WebSocketServerFixture(StreamSettings.defaults(), false)) {
            List<FrameClient> clients = List.of(new FrameClient(), new FrameClient(), new FrameClient());
            List<List<String>> ids = List.of(List.of("a"), List.of("caf\u00e9 \"q\""), List.of("x", "y"));
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).connect(server);
                for (String id : ids.get(i)) {
                    clients.get(i).subscribe(id);
                }
            }
            // Sizes that land in different frame classes, and one beyond the largest (a frame of its own).
            List<String> messages = new ArrayList<>();
            for (int size : new int[] {10, 3_000, 1, 20_000, 70_000, 5}) {
                messages.add("m".repeat(size));
            }
            // Written back to back: later ones queue behind the first and go out in batches.
            List<PublishResult.Receipt> receipts = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (String message : messages) {
                    receipts.add(server.publish(new SystemEvent("deploy", message, Map.of())));
                }
            }

            List<List<byte[]>> received = new ArrayList<>();
            for (FrameClient client : clients) {
                received.add(client.eventFrames(receipts.size()));
            }
            for (int e = 0; e < receipts.size(); e++) {
                byte[] first = received.get(0).get(e);
                String prefix = prefix(first);
                for (int c = 0; c < clients.size(); c++) {
                    byte[] frame = received.get(c).get(e);
                    // The shared part is byte for byte the same for every recipient ...
                    assertThat(prefix(frame)).isEqualTo(prefix);
                    // ... and the rest is exactly this session's ids, as JSON writes them.
                    assertThat(new String(frame, StandardCharsets.UTF_8).substring(prefix.length()))
                            .isEqualTo(JSON.writeValueAsString(ids.get(c)) + "}");
                    JsonNode parsed = JSON.readTree(frame);
                    assertThat(parsed.path("seq").asLong())
                            .isEqualTo(receipts.get(e).seq());
                    assertThat(parsed.path("message_id").asText())
                            .isEqualTo(receipts.get(e).messageId().toString());
                    assertThat(parsed.path("event").path("message").asText())
                            .isEqualTo(messages.get(e % messages.size()));
                }
            }
            for (FrameClient client : clients) {
                assertThat(client.nonFinalOrOtherFrames).isEmpty();
                assertThat(client.closeCode).as("the connection stayed open").isEqualTo(-1);
                client.session.close();
            }
        }
    }

    /**
     * An event longer than the server's largest frame (64 KiB) is cut into frames, as Jetty's
     * session does for every message; only events that fit one frame skip the session's path.
     */
    @Test
    void anEventLongerThanTheLargestFrame_arrivesInSeveralFrames_intact() throws Exception {
        try (WebSocketServerFixture server = new WebSocketServerFixture(StreamSettings.defaults(), false)) {
            FrameClient client = new FrameClient();
            client.connect(server);
            client.subscribe("all");
            String message = "m".repeat(70_000);
            PublishResult.Receipt receipt = server.publish(new SystemEvent("deploy", message, Map.of()));

            JsonNode event = JSON.readTree(client.eventFrames(1).get(0));
            assertThat(event.path("seq").asLong()).isEqualTo(receipt.seq());
            assertThat(event.path("event").path("message").asText()).isEqualTo(message);
            assertThat(client.fragmentedMessages.get()).isEqualTo(1);
            client.session.close();
        }
    }

    @Test
    void withDeflate_reusedFramesArriveIntact_toEveryRecipient() throws Exception {
        try (WebSocketServerFixture server = new WebSocketServerFixture(StreamSettings.defaults(), true)) {
            List<TestClient> clients = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                TestClient client = new TestClient();
                ClientUpgradeRequest request = new ClientUpgradeRequest(server.uri());
                request.addExtensions("permessage-deflate");
                server.client().connect(client, request).get(10, TimeUnit.SECONDS);
                client.next("welcome");
                StreamEndpointTest.subscribe(client, "s" + i, "{}");
                clients.add(client);
            }
            List<String> messages = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                messages.add(("event " + i + " ").repeat(1 + (i * 37) % 400));
                server.publish(new SystemEvent("deploy", messages.get(i), Map.of()));
            }
            for (int c = 0; c < clients.size(); c++) {
                for (String message : messages) {
                    JsonNode event = clients.get(c).next("event");
                    assertThat(event.path("event").path("message").asText()).isEqualTo(message);
                    assertThat(event.path("subscription_ids").get(0).asText()).isEqualTo("s" + c);
                }
                clients.get(c).close();
            }
        }
    }

    private static String prefix(byte[] frame) {
        String text = new String(frame, StandardCharsets.UTF_8);
        int at = text.lastIndexOf(KEY);
        assertThat(at).as("frame ends with subscription_ids: %s", text).isPositive();
        return text.substring(0, at + KEY.length());
    }

    /** A Jetty client that keeps every text frame's bytes as they came off the wire (no extension). */
    public static final class FrameClient implements Session.Listener.AutoDemanding {

        final BlockingQueue<byte[]> textFrames = new LinkedBlockingQueue<>();
        final List<String> nonFinalOrOtherFrames = new ArrayList<>();
        /** Messages that came in more than one frame. */
        final AtomicInteger fragmentedMessages = new AtomicInteger();

        volatile Session session;
        volatile int closeCode = -1;

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            closeCode = statusCode;
            callback.succeed();
        }

        void connect(WebSocketServerFixture server) throws Exception {
            // Each frame as it was on the wire: not cut into pieces of the read buffer's size.
            server.client().setAutoFragment(false);
            server.client().setMaxFrameSize(1 << 20);
            server.client().setMaxTextMessageSize(1 << 20);
            server.client()
                    .connect(this, new ClientUpgradeRequest(server.uri()))
                    .get(10, TimeUnit.SECONDS);
            assertThat(type(next())).isEqualTo("welcome");
        }

        void subscribe(String id) throws Exception {
            session.sendText(
                    "{\"type\":\"subscribe\",\"subscription_id\":" + JSON.writeValueAsString(id) + ",\"filters\":{}}",
                    Callback.NOOP);
            assertThat(type(next())).isEqualTo("subscribed");
        }

        List<byte[]> eventFrames(int count) throws Exception {
            List<byte[]> events = new ArrayList<>();
            while (events.size() < count) {
                byte[] frame = next();
                if ("event".equals(type(frame))) {
                    events.add(frame);
                }
            }
            return events;
        }

        private byte[] next() throws InterruptedException {
            byte[] frame = textFrames.poll(10, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within 10 s (close code " + closeCode + ", other frames "
                        + nonFinalOrOtherFrames + ")");
            }
            return frame;
        }

        private static String type(byte[] frame) throws Exception {
            return JSON.readTree(frame).path("type").asText();
        }

        @Override
        public void onWebSocketOpen(Session session) {
            // The 70,000-byte event is over the client's default limit of 64 KiB.
            session.setMaxTextMessageSize(1 << 20);
            session.setMaxFrameSize(1 << 20);
            this.session = session;
        }

        /** A message that came in more than one frame, while it is being read. */
        private ByteArrayOutputStream partial;

        @Override
        public void onWebSocketFrame(Frame frame, Callback callback) {
            if (frame.getType() == Frame.Type.PING
                    || frame.getType() == Frame.Type.PONG
                    || frame.getType() == Frame.Type.CLOSE) {
                callback.succeed();
                return;
            }
            ByteBuffer payload = frame.getPayload();
            byte[] bytes = new byte[payload.remaining()];
            payload.duplicate().get(bytes);
            if (frame.getType() == Frame.Type.TEXT && frame.isFin() && !frame.isRsv1()) {
                textFrames.add(bytes);
            } else if (frame.getType() == Frame.Type.TEXT && !frame.isFin()) {
                partial = new ByteArrayOutputStream();
                partial.writeBytes(bytes);
            } else if (frame.getType() == Frame.Type.CONTINUATION && partial != null) {
                partial.writeBytes(bytes);
                if (frame.isFin()) {
                    byte[] message = partial.toByteArray();
                    partial = null;
                    fragmentedMessages.incrementAndGet();
                    // Jetty's reader cuts what does not fit its 64 KiB frame buffer;
                    // smaller messages must be one frame.
                    if (message.length <= 65_536) {
                        synchronized (nonFinalOrOtherFrames) {
                            nonFinalOrOtherFrames.add("message of " + message.length + " bytes in several frames");
                        }
                    }
                    textFrames.add(message);
                }
            } else {
                synchronized (nonFinalOrOtherFrames) {
                    nonFinalOrOtherFrames.add(frame.getType() + " fin=" + frame.isFin() + " rsv1=" + frame.isRsv1()
                            + " length=" + frame.getPayloadLength());
                }
            }
            callback.succeed();
        }
    }
}
