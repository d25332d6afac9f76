package io.incidentstream.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client side of the wire on plain sockets, shared by the raw readers ({@link RawSubscribers},
 * {@link RawWatchers}): connecting from a source address, the HTTP exchange that opens a stream (the
 * WebSocket upgrade), and writing masked client frames. Everything here blocks unless the channel
 * does not; reading what follows is each reader's own business.
 */
final class RawSockets {

    private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private RawSockets() {}

    /**
     * Connects (blocking) from 127.0.0.{@code 2 + source}: one source address has about 28k
     * ephemeral ports, so tens of thousands of loopback connections need several.
     */
    static SocketChannel connect(Target target, int source) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.bind(new InetSocketAddress("127.0.0." + (2 + source), 0));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.connect(new InetSocketAddress(target.host(), target.port()));
        return channel;
    }

    /** Upgrades to a WebSocket; returns what followed the response head (the first frames' bytes). */
    static ByteBuffer upgrade(SocketChannel channel, Target target, String path) throws IOException {
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + target.host() + ":" + target.port()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nOrigin: http://" + target.host() + ":" + target.port() + "\r\n\r\n";
        return exchange(channel, request, "HTTP/1.1 101");
    }

    /** Sends {@code request}, reads the response head; returns what followed it (the first bytes of the stream). */
    static ByteBuffer exchange(SocketChannel channel, String request, String expected) throws IOException {
        writeFully(channel, ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer in = ByteBuffer.allocate(16 << 10);
        while (true) {
            if (channel.read(in) < 0) {
                throw new IOException("closed during the upgrade");
            }
            int end = indexOf(in.array(), 0, in.position(), HEAD_END);
            if (end >= 0) {
                String head = new String(in.array(), 0, end, StandardCharsets.US_ASCII);
                if (!head.startsWith(expected)) {
                    throw new IOException("refused: " + head.lines().findFirst().orElse(""));
                }
                in.flip();
                in.position(end + 4);
                return in.compact();
            }
            if (!in.hasRemaining()) {
                throw new IOException("upgrade response too long");
            }
        }
    }

    /** A client frame: final, masked (as RFC 6455 requires of clients). */
    static ByteBuffer clientFrame(int opcode, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(payload.length + 14);
        out.put((byte) (0x80 | opcode));
        if (payload.length < 126) {
            out.put((byte) (0x80 | payload.length));
        } else {
            out.put((byte) (0x80 | 126)).putShort((short) payload.length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        out.put(mask);
        for (int i = 0; i < payload.length; i++) {
            out.put((byte) (payload[i] ^ mask[i & 3]));
        }
        return out.flip();
    }

    /** Writes all of {@code out} on a blocking channel (on a non-blocking one, this spins). */
    static void writeFully(SocketChannel channel, ByteBuffer out) throws IOException {
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    static int indexOf(byte[] bytes, int from, int to, byte[] pattern) {
        outer:
        for (int i = from; i <= to - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
