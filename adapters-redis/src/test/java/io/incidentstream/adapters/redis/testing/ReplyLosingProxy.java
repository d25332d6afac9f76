package io.incidentstream.adapters.redis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy in front of a real {@code redis-server} that can lose one reply, as a Redis restart or
 * a reset connection does after a command ran: once armed with {@link #loseTheReplyTo}, the next
 * command holding that word goes on to Redis, which runs it, and the connection it came on is
 * closed when Redis answers, instead of passing the answer back. Or it can hold one reply back, as a
 * network that holds the packets does ({@link #holdTheReplyTo}). Everything else is passed through,
 * byte for byte, on a thread per direction of each connection.
 */
public final class ReplyLosingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int redisPort;
    private final AtomicReference<String> armedFor = new AtomicReference<>();
    private final CountDownLatch lost = new CountDownLatch(1);
    private final AtomicReference<String> holdFor = new AtomicReference<>();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch askedAgain = new CountDownLatch(1);
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean goAway;

    private ReplyLosingProxy(ServerSocket server, int redisPort) {
        this.server = server;
        this.redisPort = redisPort;
    }

    /** A proxy on a free port of 127.0.0.1, in front of Redis on {@code redisPort}. */
    public static ReplyLosingProxy to(int redisPort) {
        try {
            ReplyLosingProxy proxy =
                    new ReplyLosingProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), redisPort);
            daemon(proxy::accept, "proxy-accept");
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + server.getLocalPort() + "/0";
    }

    /** The reply to the next command that holds {@code word} (e.g. {@code EVALSHA}) is lost with its connection. */
    public void loseTheReplyTo(String word) {
        armedFor.set(word);
    }

    /** As {@link #loseTheReplyTo}, and then the proxy takes no more connections: Redis stays away. */
    public void loseTheReplyToAndGoAway(String word) {
        goAway = true;
        armedFor.set(word);
    }

    /**
     * The reply to the next command that holds {@code word} is held back, its connection open, until a
     * command holding the same word comes again (the client asking again after its timeout); then
     * both replies go on, in order.
     */
    public void holdTheReplyTo(String word) {
        holdFor.set(word);
    }

    /** Whether a reply was held back within {@code seconds}. */
    public boolean heldAReply(long seconds) throws InterruptedException {
        return held.await(seconds, TimeUnit.SECONDS);
    }

    /** Whether a reply was lost within {@code seconds}. */
    public boolean lostAReply(long seconds) throws InterruptedException {
        return lost.await(seconds, TimeUnit.SECONDS);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket redis = new Socket(InetAddress.getLoopbackAddress(), redisPort);
                sockets.add(client);
                sockets.add(redis);
                Connection connection = new Connection(client, redis);
                daemon(connection::commands, "proxy-commands");
                daemon(connection::replies, "proxy-replies");
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** One client's connection through the proxy. */
    private final class Connection {
        private final Socket client;
        private final Socket redis;
        private volatile boolean loseTheNextReply;
        private volatile String holdingFor;

        Connection(Socket client, Socket redis) {
            this.client = client;
            this.redis = redis;
        }

        void commands() {
            pump(client, redis, chunk -> {
                String text = new String(chunk, StandardCharsets.ISO_8859_1);
                String asked = holdingFor;
                if (asked != null && text.contains(asked)) {
                    askedAgain.countDown();
                }
                String hold = holdFor.get();
                if (hold != null && text.contains(hold) && holdFor.compareAndSet(hold, null)) {
                    holdingFor = hold;
                }
                String word = armedFor.get();
                if (word != null && text.contains(word) && armedFor.compareAndSet(word, null)) {
                    loseTheNextReply = true;
                }
                return true;
            });
        }

        void replies() {
            pump(redis, client, chunk -> {
                if (holdingFor != null && held.getCount() > 0) {
                    held.countDown();
                    awaitAskedAgain();
                }
                if (!loseTheNextReply) {
                    return true;
                }
                if (goAway) {
                    closeServer();
                }
                closeQuietly(client);
                closeQuietly(redis);
                lost.countDown();
                return false;
            });
        }
    }

    private void awaitAskedAgain() {
        try {
            askedAgain.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface ChunkCheck {
        /** Whether to pass the chunk on (false: stop this direction). */
        boolean pass(byte[] chunk);
    }

    private static void pump(Socket from, Socket to, ChunkCheck check) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                byte[] chunk = java.util.Arrays.copyOf(buffer, read);
                if (!check.pass(chunk)) {
                    return;
                }
                out.write(chunk);
                out.flush();
            }
        } catch (IOException e) {
            // One side closed: the other goes with it.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void closeServer() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    /** Takes no more connections and drops those it carries, as a Redis that went away. */
    public void goAway() {
        askedAgain.countDown(); // a held reply's thread ends with its connection
        closeServer();
        sockets.forEach(ReplyLosingProxy::closeQuietly);
    }

    @Override
    public void close() {
        goAway();
    }
}
