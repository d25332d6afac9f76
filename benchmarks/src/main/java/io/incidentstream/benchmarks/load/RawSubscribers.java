package io.incidentstream.benchmarks.load;

import static io.incidentstream.benchmarks.load.RawSockets.clientFrame;
import static io.incidentstream.benchmarks.load.RawSockets.indexOf;
import static io.incidentstream.benchmarks.load.RawSockets.upgrade;
import static io.incidentstream.benchmarks.load.RawSockets.writeFully;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fan-out subscribers on plain NIO: a few selector threads read WebSocket frames and look for the
 * benchmark mark in their bytes, without decoding text into strings or calling back per frame.
 *
 * <p>Why: on two cores the load client shares the machine with the server it measures. With the
 * Jetty client, reading 1,000 frames per event at 100 events/s took more than one core, more than
 * either server, so that the client, not the server, set the latency tail. This reader costs a
 * fraction of that, so the figures measure the servers. The subscriptions are the same as the Jetty
 * client's: the upgrade from a source address 127.0.0.2.., then (ours) one {@code subscribe} message;
 * or an SSE stream ({@link #openSse}), whose events are scanned the same way.
 */
public final class RawSubscribers implements AutoCloseable {

    /** What the subscribers report. Called on selector threads. */
    public interface Listener {
        void ready();

        void closed(String reason);

        /** A message without the mark: {@code gap} messages are counted by the caller. */
        void unmarked(byte[] buffer, int from, int to);

        void marked(long due, int phase, long nowNanos);
    }

    private static final byte[] MARK = "bench-t0=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PHASE = ";phase=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BLANK_LINE = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SSE_SUBSCRIBED = "event: subscribed".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SSE_DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

    private final List<Reader> readers = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final int sources;
    private final Listener listener;

    public RawSubscribers(int threads, int sources, Listener listener) throws IOException {
        this.sources = sources;
        this.listener = listener;
        for (int i = 0; i < threads; i++) {
            Reader reader = new Reader();
            Thread thread = new Thread(reader, "raw-subscribers-" + i);
            thread.setDaemon(true);
            thread.start();
            readers.add(reader);
        }
    }

    /**
     * Opens one subscriber: connects, upgrades and sends {@code subscribeMessage} (null: the path
     * subscribes, as nchan's does), all blocking on the calling thread; then a reader takes it.
     */
    public void open(Target target, String path, String subscribeMessage) {
        open(target, path, subscribeMessage, false);
    }

    /**
     * Opens one Server-Sent Events stream ({@code GET pathAndQuery}, ours only): ready at its
     * {@code subscribed} event; each later event is scanned for the mark as a WebSocket message is.
     */
    public void openSse(Target target, String pathAndQuery) {
        open(target, pathAndQuery, null, true);
    }

    private void open(Target target, String path, String subscribeMessage, boolean sse) {
        int n = next.getAndIncrement();
        try {
            SocketChannel channel = RawSockets.connect(target, n % sources);
            ByteBuffer rest = sse ? request(channel, target, path) : upgrade(channel, target, path);
            Connection connection = new Connection(channel, rest, subscribeMessage == null && !sse, sse);
            if (sse) {
                // Ready at the stream's subscribed event.
            } else if (subscribeMessage == null) {
                listener.ready();
            } else {
                writeFully(channel, clientFrame(0x1, subscribeMessage.getBytes(StandardCharsets.UTF_8)));
            }
            channel.configureBlocking(false);
            readers.get(n % readers.size()).add(connection);
        } catch (IOException | RuntimeException e) {
            failed.incrementAndGet();
        }
    }

    public int failedConnects() {
        return failed.get();
    }

    /** Closes every connection with a close frame; the servers see a normal close. */
    @Override
    public void close() {
        for (Reader reader : readers) {
            reader.stop();
        }
    }

    private static ByteBuffer request(SocketChannel channel, Target target, String pathAndQuery) throws IOException {
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + target.host() + ":" + target.port()
                + "\r\nAccept: text/event-stream\r\n\r\n";
        return RawSockets.exchange(channel, request, "HTTP/1.1 200");
    }

    /** One subscriber's socket and the bytes read but not yet parsed. */
    private final class Connection {
        final SocketChannel channel;
        ByteBuffer in;
        boolean ready;
        /** The text of a fragmented message, while its continuation frames arrive. */
        java.io.ByteArrayOutputStream fragments;

        /** An SSE stream: events end with a blank line; no frames. */
        final boolean sse;

        Connection(SocketChannel channel, ByteBuffer rest, boolean ready, boolean sse) {
            this.sse = sse;
            this.channel = channel;
            this.in = ByteBuffer.allocate(64 << 10);
            rest.flip();
            this.in.put(rest);
            this.ready = ready;
        }

        /** Parses every complete frame in the buffer; false when the server closed. */
        boolean parse() throws IOException {
            if (sse) {
                return parseSse();
            }
            in.flip();
            byte[] bytes = in.array();
            while (in.remaining() >= 2) {
                int start = in.position();
                int b0 = bytes[start] & 0xff;
                int b1 = bytes[start + 1] & 0x7f;
                int header = 2;
                long length = b1;
                if (b1 == 126) {
                    if (in.remaining() < 4) {
                        break;
                    }
                    length = ((bytes[start + 2] & 0xff) << 8) | (bytes[start + 3] & 0xff);
                    header = 4;
                } else if (b1 == 127) {
                    if (in.remaining() < 10) {
                        break;
                    }
                    length = in.getLong(start + 2);
                    header = 10;
                }
                if (header + length > in.capacity()) {
                    ByteBuffer bigger = ByteBuffer.allocate((int) Math.max(in.capacity() * 2L, header + length));
                    bigger.put(in);
                    in = bigger;
                    return true;
                }
                if (in.remaining() < header + length) {
                    break;
                }
                int from = start + header;
                int to = from + (int) length;
                in.position(to);
                if (!frame(b0, bytes, from, to)) {
                    return false;
                }
            }
            in.compact();
            return true;
        }

        /**
         * Every complete event (up to a blank line) in the buffer: its bytes are scanned as one
         * message. HTTP's chunk headers between events land before the next event's first line,
         * where they change nothing the scan looks for.
         */
        private boolean parseSse() {
            in.flip();
            byte[] bytes = in.array();
            int start = in.position();
            int end;
            while ((end = indexOf(bytes, start, in.limit(), BLANK_LINE)) >= 0) {
                sseEvent(bytes, start, end);
                start = end + BLANK_LINE.length;
            }
            in.position(start);
            if (in.position() == 0 && in.limit() == in.capacity()) {
                ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
                bigger.put(in);
                in = bigger;
                return true;
            }
            in.compact();
            return true;
        }

        private void sseEvent(byte[] bytes, int from, int to) {
            if (!ready) {
                if (indexOf(bytes, from, to, SSE_SUBSCRIBED) >= 0) {
                    ready = true;
                    listener.ready();
                }
                return;
            }
            int data = indexOf(bytes, from, to, SSE_DATA);
            message(bytes, data < 0 ? from : data + SSE_DATA.length, to);
        }

        private boolean frame(int b0, byte[] bytes, int from, int to) throws IOException {
            int opcode = b0 & 0x0f;
            boolean fin = (b0 & 0x80) != 0;
            switch (opcode) {
                case 0x8:
                    listener.closed("close frame "
                            + (to - from >= 2 ? ((bytes[from] & 0xff) << 8 | (bytes[from + 1] & 0xff)) : 1005));
                    return false;
                case 0x9:
                    byte[] ping = java.util.Arrays.copyOfRange(bytes, from, to);
                    writeFully(channel, clientFrame(0xA, ping));
                    return true;
                case 0xA:
                    return true;
                default:
                    if (!fin || fragments != null) {
                        if (fragments == null) {
                            fragments = new java.io.ByteArrayOutputStream();
                        }
                        fragments.write(bytes, from, to - from);
                        if (!fin) {
                            return true;
                        }
                        byte[] whole = fragments.toByteArray();
                        fragments = null;
                        message(whole, 0, whole.length);
                        return true;
                    }
                    message(bytes, from, to);
                    return true;
            }
        }

        private void message(byte[] bytes, int from, int to) {
            long now = System.nanoTime();
            if (!ready) {
                // Ours: the welcome comes first, then the subscribe's answer.
                if (startsWith(bytes, from, to, "{\"type\":\"subscribed\"")) {
                    ready = true;
                    listener.ready();
                }
                return;
            }
            int mark = indexOf(bytes, from, to, MARK);
            if (mark < 0) {
                listener.unmarked(bytes, from, to);
                return;
            }
            int at = mark + MARK.length;
            boolean negative = bytes[at] == '-';
            if (negative) {
                at++;
            }
            long due = 0;
            while (bytes[at] != ';') {
                due = due * 10 + (bytes[at++] - '0');
            }
            at += PHASE.length;
            int phase = 0;
            while (bytes[at] != ';') {
                phase = phase * 10 + (bytes[at++] - '0');
            }
            listener.marked(negative ? -due : due, phase, now);
        }
    }

    static boolean startsWith(byte[] bytes, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** One selector thread and the connections it reads. */
    private final class Reader implements Runnable {
        private final Selector selector;
        private final ConcurrentLinkedQueue<Connection> added = new ConcurrentLinkedQueue<>();
        private final List<Connection> all = new ArrayList<>();
        private volatile boolean running = true;

        Reader() throws IOException {
            this.selector = Selector.open();
        }

        void add(Connection connection) {
            added.add(connection);
            selector.wakeup();
        }

        void stop() {
            running = false;
            selector.wakeup();
        }

        @Override
        public void run() {
            try {
                while (running) {
                    selector.select(1000);
                    for (Connection c; (c = added.poll()) != null; ) {
                        c.channel.register(selector, SelectionKey.OP_READ, c);
                        all.add(c);
                        if (c.in.position() > 0) {
                            read(c, c.channel.keyFor(selector));
                        }
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        read((Connection) key.attachment(), key);
                    }
                    selector.selectedKeys().clear();
                }
                selector.close(); // deregisters every channel, so that each can block for its close frame
                for (Connection c : all) {
                    closeQuietly(c);
                }
            } catch (IOException e) {
                System.err.println("raw subscriber reader failed: " + e);
            }
        }

        private void read(Connection c, SelectionKey key) {
            try {
                int n = c.channel.read(c.in);
                if (n < 0) {
                    listener.closed("connection closed by the server");
                    key.cancel();
                    c.channel.close();
                    return;
                }
                if (!c.parse()) {
                    key.cancel();
                    c.channel.close();
                }
            } catch (IOException e) {
                listener.closed(String.valueOf(e));
                key.cancel();
                try {
                    c.channel.close();
                } catch (IOException ignored) {
                    // Closed already.
                }
            }
        }

        private void closeQuietly(Connection c) {
            try {
                if (c.channel.isOpen()) {
                    if (!c.sse) {
                        c.channel.configureBlocking(true);
                        writeFully(c.channel, clientFrame(0x8, new byte[] {0x03, (byte) 0xe8}));
                    }
                    c.channel.close();
                }
            } catch (IOException | RuntimeException e) {
                // Best effort: the program is ending.
            }
        }
    }
}
