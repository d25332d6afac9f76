package io.incidentstream.adapters.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.port.out.WriteCallback;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.io.ByteArrayEndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rules the frame writer keeps from Jetty's flusher, on Jetty's in-memory endpoint whose
 * output holds 16 bytes: a frame longer than that leaves its write pending until the test takes
 * the output, so that frames queue behind it as they do behind a slow socket.
 */
@Timeout(10)
class FrameWriterTest {

    private final List<String> completions = new CopyOnWriteArrayList<>();
    private final List<Throwable> reportedErrors = new CopyOnWriteArrayList<>();
    private ByteArrayEndPoint endPoint;
    private FrameWriter writer;

    @BeforeEach
    void setUp() {
        endPoint = new ByteArrayEndPoint(new byte[0], 16, false);
        writer = new FrameWriter(endPoint, null) {
            @Override
            void writeFailed(Throwable cause) {
                reportedErrors.add(cause);
            }
        };
    }

    @Test
    void eventFrames_areWrittenInOrder_eachCompletedOnceItsBytesAreOut() {
        writer.offer(event("first"));
        writer.iterate();
        assertThat(completions).as("the first frame is still being written").isEmpty();
        writer.offer(event("second"));
        writer.offer(event("third"));
        writer.iterate();

        assertThat(drain(3, 3))
                .containsExactly("TEXT " + payload("first"), "TEXT " + payload("second"), "TEXT " + payload("third"));
        assertThat(completions).containsExactly("written first", "written second", "written third");
    }

    @Test
    void pingsAndPongs_goBeforeWaitingEventFrames_butNotIntoTheWriteInFlight() {
        oneInFlightOneWaiting();
        writer.enqueue(entry(new Frame(OpCode.PONG, "pong"), "pong"));
        writer.enqueue(entry(new Frame(OpCode.PING, "ping"), "ping"));

        assertThat(drain(4, 4))
                .containsExactly(
                        "TEXT " + payload("in flight"), "PING ping", "PONG pong", "TEXT " + payload("waiting"));
        assertThat(completions).containsExactly("written in flight", "written ping", "written pong", "written waiting");
    }

    @Test
    void afterTheCloseFrame_nothingIsWritten_andTheOutputIsShut() {
        writer.offer(event("before"));
        writer.iterate();
        writer.enqueue(entry(new CloseStatus(CloseStatus.NORMAL, "bye").toFrame(), "close"));
        writer.offer(event("late"));
        writer.enqueue(entry(new Frame(OpCode.TEXT, "late reply"), "late reply"));

        assertThat(completions)
                .containsExactly("failed late ClosedChannelException", "failed late reply ClosedChannelException");
        assertThat(drain(2, 4)).containsExactly("TEXT " + payload("before"), "CLOSE 1000 bye");
        assertThat(endPoint.isOutputShutdown()).isTrue();
        assertThat(completions).endsWith("written before", "written close");
    }

    @Test
    void anAbnormalClose_failsWhatWaits_andGoesOutAfterTheWriteInFlight() {
        oneInFlightOneWaiting();
        writer.enqueue(entry(new CloseStatus(CloseStatus.SERVER_ERROR, "broken").toFrame(), "close"));

        assertThat(completions).containsExactly("failed waiting WebSocketException");
        assertThat(drain(2, 3)).containsExactly("TEXT " + payload("in flight"), "CLOSE 1011 broken");
        assertThat(completions).endsWith("written in flight", "written close");
    }

    @Test
    void aFailedWrite_failsEveryFrame_reportsTheError_closesTheConnection_andRefusesWhatComes() {
        oneInFlightOneWaiting();
        writer.enqueue(entry(new Frame(OpCode.TEXT, "reply"), "reply"));

        endPoint.close();

        assertThat(completions)
                .hasSize(3)
                .allSatisfy(completion -> assertThat(completion).startsWith("failed"))
                .extracting(completion -> completion.split(" ")[1])
                .containsExactly("in", "waiting", "reply");
        assertThat(reportedErrors).hasSize(1);
        assertThat(endPoint.isOpen()).isFalse();
        writer.offer(event("after"));
        assertThat(completions.get(completions.size() - 1)).startsWith("failed after");
    }

    @Test
    void aFrameMadeThroughTheSession_isWrittenWithItsOwnHeader_andItsPayloadKeepsItsPosition() {
        ByteBuffer payload = BufferUtil.toBuffer("{\"type\":\"pong\"}");
        writer.enqueue(entry(new Frame(OpCode.TEXT, true, payload), "reply"));

        assertThat(drain(1, 1)).containsExactly("TEXT {\"type\":\"pong\"}");
        assertThat(payload.remaining()).as("the writer wrote a slice").isEqualTo(15);
        assertThat(completions).containsExactly("written reply");
    }

    @Test
    void aHeldPing_waitsForTheNextFrame_andBothLeaveInOneWrite() {
        List<Integer> writes = new CopyOnWriteArrayList<>();
        ByteArrayEndPoint roomy = new ByteArrayEndPoint(new byte[0], 1024, false) {
            @Override
            public void write(Callback callback, ByteBuffer... buffers) {
                writes.add(buffers.length);
                super.write(callback, buffers);
            }
        };
        endPoint = roomy;
        writer = new FrameWriter(roomy, null);

        writer.holdPing();
        assertThat(writes).as("the held ping waits").isEmpty();
        writer.enqueue(entry(new Frame(OpCode.TEXT, "{\"type\":\"pong\"}"), "pong message"));

        assertThat(drain(2, 1)).containsExactly("PING ", "TEXT {\"type\":\"pong\"}");
        assertThat(writes)
                .as("one write of the ping's header and the message's header and payload")
                .containsExactly(3);
    }

    @Test
    void aPingHeldWhileAWriteIsUnderWay_leavesWithTheNextWrite_beforeWaitingFrames() {
        oneInFlightOneWaiting();
        writer.holdPing();

        assertThat(drain(3, 2)).containsExactly("TEXT " + payload("in flight"), "PING ", "TEXT " + payload("waiting"));
    }

    @Test
    void aHeldPing_leavesWithTheCloseFrame_whenNothingElseFollows() {
        writer.holdPing();
        writer.enqueue(entry(new CloseStatus(CloseStatus.NORMAL, "bye").toFrame(), "close"));

        assertThat(drain(2, 1)).containsExactly("PING ", "CLOSE 1000 bye");
        assertThat(endPoint.isOutputShutdown()).isTrue();
    }

    @Test
    void aWriteLargerThanASlice_goesOutASliceAtATime_eachShowingProgress_andArrivesWhole() {
        String big = "x".repeat(150_000);
        PooledFrame frame = new PooledFrame(null, ByteBuffer.allocate(PooledFrame.bufferLength(big.length() + 100)));
        frame.fill(
                new EventFrame(("{\"type\":\"event\",\"name\":\"" + big + "\",\"subscription_ids\":")
                        .getBytes(StandardCharsets.UTF_8)),
                List.of("s"),
                new Recording("big"));
        writer.offer(frame);
        writer.iterate();
        assertThat(writer.progress()).as("nothing out yet").isZero();

        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        while (writer.progress() == 0) {
            take(wire);
        }
        // A slow reader that has taken the first slice is not stalled, though the frame is not out.
        assertThat(completions).isEmpty();
        assertThat(wire.size()).isLessThanOrEqualTo(SlicedWrite.SLICE_BYTES + 16);

        while (completions.isEmpty()) {
            take(wire);
        }
        take(wire); // the last bytes, which the endpoint held when it completed the write
        assertThat(frames(ByteBuffer.wrap(wire.toByteArray()))).containsExactly("TEXT " + payload(big));
        assertThat(completions).containsExactly("written big");
        // 150,010 bytes framed: slices of 65,536, 65,536 and 18,938.
        assertThat(writer.progress()).isEqualTo(3);
    }

    private void take(ByteArrayOutputStream wire) {
        ByteBuffer taken = endPoint.takeOutput();
        wire.write(taken.array(), taken.arrayOffset() + taken.position(), taken.remaining());
    }

    /** "in flight" is being written (longer than the endpoint's output), "waiting" queued behind it. */
    private void oneInFlightOneWaiting() {
        writer.offer(event("in flight"));
        writer.iterate();
        writer.offer(event("waiting"));
    }

    private PooledFrame event(String name) {
        PooledFrame frame = new PooledFrame(null, ByteBuffer.allocate(PooledFrame.bufferLength(200)));
        frame.fill(
                new EventFrame(("{\"type\":\"event\",\"name\":\"" + name + "\",\"subscription_ids\":")
                        .getBytes(StandardCharsets.UTF_8)),
                List.of("s"),
                new Recording(name));
        return frame;
    }

    private static String payload(String name) {
        return "{\"type\":\"event\",\"name\":\"" + name + "\",\"subscription_ids\":[\"s\"]}";
    }

    private OutgoingEntry entry(Frame frame, String name) {
        Recording recording = new Recording(name);
        return new OutgoingEntry.Builder(frame, Callback.from(recording::written, recording::failed)).build();
    }

    /**
     * Takes the output until it holds {@code count} whole frames and as many frames have completed
     * as are expected by then; the frames as "OPCODE payload".
     */
    private List<String> drain(int count, int completed) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<String> frames;
        do {
            ByteBuffer taken = endPoint.takeOutput();
            wire.write(taken.array(), taken.arrayOffset() + taken.position(), taken.remaining());
            frames = frames(ByteBuffer.wrap(wire.toByteArray()));
            Thread.onSpinWait();
        } while (frames.size() < count || completions.size() < completed);
        return frames;
    }

    private static List<String> frames(ByteBuffer wire) {
        List<String> frames = new ArrayList<>();
        while (wire.remaining() >= 2) {
            int start = wire.position();
            byte opCode = (byte) (wire.get() & 0x0F);
            int length = wire.get() & 0x7F;
            if (length == 126 && wire.remaining() >= 2) {
                length = wire.getShort() & 0xFFFF;
            } else if (length == 127 && wire.remaining() >= 8) {
                length = (int) wire.getLong();
            }
            if (length > wire.remaining()) {
                wire.position(start);
                break;
            }
            byte[] payload = new byte[length];
            wire.get(payload);
            if (opCode == OpCode.CLOSE) {
                ByteBuffer close = ByteBuffer.wrap(payload);
                int code = close.getShort() & 0xFFFF;
                frames.add("CLOSE " + code + " " + StandardCharsets.UTF_8.decode(close));
            } else {
                frames.add(OpCode.name(opCode) + " " + new String(payload, StandardCharsets.UTF_8));
            }
        }
        return frames;
    }

    private final class Recording implements WriteCallback {
        private final String name;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public void written() {
            completions.add("written " + name);
        }

        @Override
        public void failed(Throwable cause) {
            completions.add("failed " + name + " " + cause.getClass().getSimpleName());
        }
    }
}
