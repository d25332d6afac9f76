package io.incidentstream.benchmarks.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The presence storm's watchers on plain NIO: sessions that subscribe to nothing, opened on
 * {@code /ws}, whose {@code watch}/{@code unwatch} messages another thread sends while selector
 * threads read the replies and count those that start with {@code {"type":"watching"}.
 *
 * <p>Why: every watch and unwatch is answered with the incident's whole watcher list, about 400 KB
 * at 5,000 watchers, thousands of times a second. A client that decodes each reply into a string
 * (the Jetty client did) spends more of the two cores than the server spends writing it, so the
 * storm measured the client. Here a reply costs a read and a frame-header parse: only a message's
 * first bytes are looked at, its payload is skipped as it streams in, through one read buffer per
 * selector thread. Between reads a connection keeps no more than a frame header and a control
 * frame, not a reply (5,000 connections × 400 KB would be 2 GB).
 */
public final class RawWatchers implements AutoCloseable {

    private static final byte[] WATCHING = "{\"type\":\"watching\"".getBytes(StandardCharsets.US_ASCII);
    /** A frame header (10 bytes from a server) and a control frame's payload (125 at most) fit. */
    private static final int CARRY = 256;
    /** Large enough that a 400 KB reply takes a couple of reads. */
    private static final int READ_BUFFER = 256 << 10;

    private static final int CLOSES_PRINTED = 5;

    private final List<Watcher> watchers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Runnable onWatching;
    private final AtomicInteger closed = new AtomicInteger();
    private volatile boolean running = true;

    /**
     * Opens {@code count} watchers (blocking, on the calling thread) spread over {@code sources}
     * source addresses, then starts {@code threads} selector threads to read them. {@code onWatching}
     * runs on those threads once per {@code watching} reply. A watcher that cannot open fails it all.
     */
    public RawWatchers(Target target, int count, int sources, int threads, Runnable onWatching) throws IOException {
        this.onWatching = onWatching;
        List<Selector> selectors = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                selectors.add(Selector.open());
            }
            for (int i = 0; i < count; i++) {
                Watcher watcher = new Watcher(RawSockets.connect(target, i % sources));
                watchers.add(watcher);
                watcher.open(target);
                watcher.channel.register(selectors.get(i % threads), SelectionKey.OP_READ, watcher);
            }
        } catch (IOException | RuntimeException e) {
            watchers.forEach(Watcher::closeQuietly);
            for (Selector selector : selectors) {
                selector.close();
            }
            throw e;
        }
        for (Selector selector : selectors) {
            Thread thread = new Thread(() -> readUntilClosed(selector), "raw-watchers-" + this.threads.size());
            thread.setDaemon(true);
            thread.start();
            this.threads.add(thread);
        }
    }

    public int size() {
        return watchers.size();
    }

    /**
     * Sends one text message from watcher {@code index} and waits until it is written: false when
     * the watcher is closed, the write failed, or it was not written within {@code timeoutMillis}.
     */
    public boolean sendAwaited(int index, byte[] text, long timeoutMillis) {
        return watchers.get(index).write(RawSockets.clientFrame(0x1, text), timeoutMillis);
    }

    /** Stops reading, then closes every watcher with a close frame. */
    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                // Closing anyway: the sockets below are closed whether or not the readers stopped.
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Watcher watcher : watchers) {
            watcher.write(RawSockets.clientFrame(0x8, new byte[] {0x03, (byte) 0xe8}), 100);
            watcher.closeQuietly();
        }
    }

    /** One selector thread: reads its watchers into one buffer that they share, until closed. */
    private void readUntilClosed(Selector selector) {
        ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER);
        try (selector) {
            while (running) {
                selector.select(200);
                for (SelectionKey key : selector.selectedKeys()) {
                    Watcher watcher = (Watcher) key.attachment();
                    boolean open;
                    try {
                        open = watcher.read(in);
                    } catch (IOException e) {
                        watcher.lost(String.valueOf(e));
                        open = false;
                    }
                    if (!open) {
                        key.cancel();
                        watcher.closeQuietly();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            System.err.println("raw watcher reader failed: " + e);
        }
    }

    /** One watcher's socket, and where it is in the frames it reads. */
    private final class Watcher {
        final SocketChannel channel;
        /** What a read cut off (a frame header, a message's first bytes, a control frame), for the next read. */
        final ByteBuffer carry = ByteBuffer.allocate(CARRY);
        /** Payload bytes of the current frame still to come: skipped, never kept. */
        long skip;

        volatile boolean open = true;

        Watcher(SocketChannel channel) {
            this.channel = channel;
        }

        /** Upgrades (blocking); what came with the response is parsed; then the channel goes non-blocking. */
        void open(Target target) throws IOException {
            ByteBuffer rest = RawSockets.upgrade(channel, target, "/ws");
            if (!parse(rest.flip())) {
                throw new IOException("closed on opening");
            }
            channel.configureBlocking(false);
        }

        /** Reads what is there, the carried bytes first; false when the server closed. */
        boolean read(ByteBuffer in) throws IOException {
            while (true) {
                in.clear();
                in.put(carry.flip());
                carry.clear();
                int n = channel.read(in);
                if (n < 0) {
                    lost("connection closed by the server");
                    return false;
                }
                boolean full = !in.hasRemaining();
                if (!parse(in.flip())) {
                    return false;
                }
                if (!full) {
                    // Drained: a reply still streaming in wakes the selector again.
                    return true;
                }
            }
        }

        /**
         * Consumes {@code in}: skips payload, checks each message's first bytes, answers pings; the
         * bytes of a frame cut short (less than {@link #CARRY}) go to {@link #carry}. False at a close frame.
         */
        private boolean parse(ByteBuffer in) throws IOException {
            while (in.hasRemaining()) {
                if (skip > 0) {
                    int n = (int) Math.min(skip, in.remaining());
                    in.position(in.position() + n);
                    skip -= n;
                    continue;
                }
                int start = in.position();
                if (in.remaining() < 2) {
                    break;
                }
                int b0 = in.get(start) & 0xff;
                int b1 = in.get(start + 1) & 0x7f; // a server's frames are not masked
                int header = b1 == 126 ? 4 : b1 == 127 ? 10 : 2;
                if (in.remaining() < header) {
                    break;
                }
                long length = b1 == 126 ? in.getShort(start + 2) & 0xffff : b1 == 127 ? in.getLong(start + 2) : b1;
                int opcode = b0 & 0x0f;
                boolean control = opcode >= 0x8;
                if (control && length > 125) {
                    throw new IOException("control frame of " + length + " bytes");
                }
                // Needed at once: a control frame whole, a message's first frame up to what is
                // checked of its start, a continuation frame its header only.
                long needed = header + (control ? length : opcode == 0x0 ? 0 : Math.min(length, WATCHING.length));
                if (in.remaining() < needed) {
                    break;
                }
                int from = start + header;
                if (control) {
                    if (!control(opcode, in, from, (int) length)) {
                        return false;
                    }
                    in.position(from + (int) length);
                    continue;
                }
                if (opcode != 0x0 && startsWithWatching(in, from, length)) {
                    onWatching.run();
                }
                in.position(from);
                skip = length;
            }
            carry.put(in);
            return true;
        }

        private boolean startsWithWatching(ByteBuffer in, int from, long length) {
            if (length < WATCHING.length) {
                return false;
            }
            for (int i = 0; i < WATCHING.length; i++) {
                if (in.get(from + i) != WATCHING[i]) {
                    return false;
                }
            }
            return true;
        }

        private boolean control(int opcode, ByteBuffer in, int from, int length) {
            if (opcode == 0x8) {
                int code = length >= 2 ? in.getShort(from) & 0xffff : 1005;
                lost("close frame " + code);
                return false;
            }
            if (opcode == 0x9) {
                byte[] ping = new byte[length];
                in.get(from, ping);
                write(RawSockets.clientFrame(0xA, ping), 1_000);
            }
            return true;
        }

        /**
         * Writes a whole frame; frames of the storm thread and pongs of the reader never interleave.
         * The channel is non-blocking once open: a full send buffer is waited out, up to {@code timeoutMillis}.
         */
        synchronized boolean write(ByteBuffer frame, long timeoutMillis) {
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            try {
                while (open && frame.hasRemaining()) {
                    if (channel.write(frame) == 0) {
                        if (System.nanoTime() - deadline > 0) {
                            return false;
                        }
                        LockSupport.parkNanos(100_000);
                    }
                }
                return !frame.hasRemaining();
            } catch (IOException e) {
                return false;
            }
        }

        void lost(String reason) {
            open = false;
            if (running && closed.incrementAndGet() <= CLOSES_PRINTED) {
                System.err.println("watcher closed: " + reason);
            }
        }

        void closeQuietly() {
            open = false;
            try {
                channel.close();
            } catch (IOException e) {
                // Closed already.
            }
        }
    }
}
