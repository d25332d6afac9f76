package io.incidentstream.adapters.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.internal.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The headers the frame writer puts in front of frames are byte for byte those Jetty's own
 * generator writes, at every length where the encoding of the length changes, and with the bits a
 * frame may carry (not final, RSV1 as deflate sets it, control opcodes).
 */
@Timeout(10)
class FrameHeaderTest {

    @Test
    void everyLengthEncoding_matchesJettysGenerator() {
        for (int length : new int[] {0, 1, 125, 126, 127, 1_000, 65_535, 65_536, 70_000}) {
            Frame frame = new Frame(OpCode.TEXT, true, ByteBuffer.allocate(length));
            assertThat(ours(frame)).as("text frame of %d bytes", length).isEqualTo(jettys(frame));
            assertThat(FrameHeader.length(length)).isEqualTo(ours(frame).length);
        }
    }

    @Test
    void flagsAndOpcodes_matchJettysGenerator() {
        Frame continued = new Frame(OpCode.TEXT, false, ByteBuffer.allocate(300));
        assertThat(ours(continued)).isEqualTo(jettys(continued));
        Frame compressed = new Frame(OpCode.TEXT, true, ByteBuffer.allocate(300)).setRsv1(true);
        assertThat(ours(compressed)).isEqualTo(jettys(compressed));
        for (byte opCode : new byte[] {OpCode.PING, OpCode.PONG, OpCode.CLOSE, OpCode.CONTINUATION, OpCode.BINARY}) {
            Frame control = new Frame(opCode, true, ByteBuffer.allocate(2));
            assertThat(ours(control)).as("opcode %d", opCode).isEqualTo(jettys(control));
        }
    }

    @Test
    void aPooledFrame_isItsHeaderThenItsPayload_inOneBuffer() {
        FramePool pool = new FramePool();
        PooledFrame frame = pool.take(PooledFrame.bufferLength(3_000));
        EventFrame event = new EventFrame("{\"type\":\"event\",\"subscription_ids\":".getBytes());
        frame.fill(event, List.of("a"), null);
        ByteBuffer wire = frame.framed();
        int payload = event.length(List.of("a"));
        assertThat(wire.remaining()).isEqualTo(FrameHeader.length(payload) + payload);
        byte[] header = new byte[FrameHeader.length(payload)];
        wire.duplicate().get(header);
        assertThat(header).isEqualTo(jettys(new Frame(OpCode.TEXT, true, ByteBuffer.allocate(payload))));
    }

    /** The header we write for {@code frame}, as the writer writes it for Jetty's frames. */
    private static byte[] ours(Frame frame) {
        return BufferUtil.toArray(FrameHeader.of(frame));
    }

    private static byte[] jettys(Frame frame) {
        // Jetty's buffers rest in flush mode: empty until the generator fills them.
        ByteBuffer out = BufferUtil.allocate(Generator.MAX_HEADER_LENGTH);
        new Generator().generateHeader(frame, out);
        return BufferUtil.toArray(out);
    }
}
