package io.incidentstream.adapters.websocket;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.core.Frame;

/**
 * The header of a frame the server sends (RFC 6455 section 5.2): never masked, so two bytes for
 * payloads below 126 bytes, four up to 64 KiB, ten beyond.
 */
final class FrameHeader {

    /** The longest header: room kept in front of a pooled frame's payload. */
    static final int MAX_LENGTH = 10;

    static final byte FIN = (byte) 0x80;
    static final byte RSV1 = 0x40;
    static final byte RSV2 = 0x20;
    static final byte RSV3 = 0x10;

    private FrameHeader() {}

    static int length(int payloadLength) {
        if (payloadLength < 126) {
            return 2;
        }
        return payloadLength <= 0xFFFF ? 4 : MAX_LENGTH;
    }

    /** The header of one of Jetty's frames, in a buffer of its own (replies, pings, the close: not per delivery). */
    static ByteBuffer of(Frame frame) {
        int payloadLength = frame.getPayloadLength();
        byte first = (byte) ((frame.isFin() ? FIN : 0)
                | (frame.isRsv1() ? RSV1 : 0)
                | (frame.isRsv2() ? RSV2 : 0)
                | (frame.isRsv3() ? RSV3 : 0)
                | (frame.getOpCode() & 0x0F));
        ByteBuffer header = ByteBuffer.allocate(length(payloadLength));
        put(header, 0, first, payloadLength);
        return header;
    }

    /** Writes the header at {@code index} without moving the buffer's position; returns its length. */
    static int put(ByteBuffer out, int index, byte firstByte, int payloadLength) {
        out.put(index, firstByte);
        if (payloadLength < 126) {
            out.put(index + 1, (byte) payloadLength);
            return 2;
        }
        if (payloadLength <= 0xFFFF) {
            out.put(index + 1, (byte) 126);
            out.putShort(index + 2, (short) payloadLength);
            return 4;
        }
        out.put(index + 1, (byte) 127);
        out.putLong(index + 2, payloadLength);
        return MAX_LENGTH;
    }
}
