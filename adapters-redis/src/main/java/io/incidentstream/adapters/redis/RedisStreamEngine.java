package io.incidentstream.adapters.redis;

import io.incidentstream.application.port.out.EngineMetrics;
import io.incidentstream.application.port.out.EngineUnavailableException;
import io.incidentstream.application.port.out.StreamEngine;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.event.connection.ReconnectAttemptEvent;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The stream engine of a cluster: the stream lives in Redis, so every node that shares the Redis
 * and the key prefix serves one stream. One Lua script ({@code append.lua}) gives each event the
 * next seq and appends it to a Redis Stream with the incident it changed, atomically; each node
 * reads the stream in order with {@code XREAD BLOCK} on a connection of its own (a blocking read
 * would stall every other command sharing its connection).
 *
 * <p>A command in flight when its connection drops fails ("Connection disconnected"), and one not
 * answered in time times out, although Redis may have run either; {@link AppendScript} then asks
 * Redis again with the same call, whose
 * idempotency key (the batch's first message id) makes a repeat return the first result instead of
 * appending twice. While disconnected, commands are refused at once rather than queued, so ingest
 * answers 503 quickly instead of waiting for the timeout.
 */
public final class RedisStreamEngine implements StreamEngine, AutoCloseable {

    private static final LuaScript OPEN = new LuaScript("open");
    private static final LuaScript EPOCH = new LuaScript("epoch");
    /** How often a blocking read first makes a timed, non-blocking one, for the round-trip metric. */
    private static final Duration READ_SAMPLE_INTERVAL = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger(RedisStreamEngine.class.getName());

    private final RedisEngineSettings settings;
    private final RedisKeys keys;
    private final EngineMetrics metrics;
    private final Clock clock;
    private final EventCodec codec = new EventCodec();
    private final AppendScript append;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisConnection<String, String> reading;
    private final reactor.core.Disposable reconnects;
    private final long readSampleNanos;
    private volatile long nextReadSample = System.nanoTime();
    /** How far this node's reader has read (null before {@link #open}): see {@link ReadPosition}. */
    private volatile ReadPosition position;

    /**
     * Connects. The first connection may take a while (Redis starting beside this node, a slow
     * network, a busy machine): it is retried for up to {@link RedisEngineSettings#connectWait()},
     * and a node does not start without its stream.
     *
     * @throws EngineUnavailableException when Redis cannot be reached within that wait; the message
     *                                    names {@code redis_url} without its password
     */
    public RedisStreamEngine(RedisEngineSettings settings, EngineMetrics metrics, Clock clock) {
        this(settings, metrics, clock, READ_SAMPLE_INTERVAL);
    }

    /** As above, sampling the read round trip every {@code readSampleInterval} (zero: on every read). */
    RedisStreamEngine(RedisEngineSettings settings, EngineMetrics metrics, Clock clock, Duration readSampleInterval) {
        this.readSampleNanos = readSampleInterval.toNanos();
        this.settings = settings;
        this.keys = RedisKeys.under(settings.keyPrefix());
        this.metrics = metrics;
        this.clock = clock;
        this.append = new AppendScript(settings, keys, codec, clock, metrics);
        RedisURI uri = RedisURI.create(settings.url());
        uri.setTimeout(settings.commandTimeout());
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Reconnects.delay())
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        this.reconnects = client.getResources()
                .eventBus()
                .get()
                .filter(event -> event instanceof ReconnectAttemptEvent)
                .subscribe(event -> metrics.reconnecting(), error -> {});
        List<StatefulRedisConnection<String, String>> connections = connectWithin(settings.connectWait(), uri);
        this.commands = connections.get(0);
        this.reading = connections.get(1);
        // Reads block up to their wait: their own timeout must outlast it.
        reading.setTimeout(settings.commandTimeout().plus(Duration.ofSeconds(10)));
        metrics.clientMemory(RedisStreamEngine::clientMemory);
    }

    /**
     * What Netty's default allocator holds, heap and direct: the Redis client's buffers (Jetty does
     * not use Netty, so nothing else in the server allocates there).
     */
    private static long clientMemory() {
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider) {
            ByteBufAllocatorMetric used = provider.metric();
            return used.usedHeapMemory() + used.usedDirectMemory();
        }
        return -1;
    }

    /** Opens the two connections, retrying with a growing pause until {@code wait} has passed. */
    private List<StatefulRedisConnection<String, String>> connectWithin(Duration wait, RedisURI uri) {
        String shown = withoutPassword(uri);
        // The wait starts at the first failure: the first attempt alone may take seconds on a busy
        // machine (it loads the client), and must not use up the retries.
        long deadline = 0;
        long pauseMillis = 100;
        int attempts = 0;
        while (true) {
            attempts++;
            StatefulRedisConnection<String, String> first = null;
            try {
                first = client.connect();
                return List.of(first, client.connect());
            } catch (RedisException e) {
                if (first != null) {
                    first.close();
                }
                if (attempts == 1) {
                    deadline = System.nanoTime() + wait.toNanos();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    reconnects.dispose();
                    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                    resources.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
                    throw new EngineUnavailableException(
                            "cannot connect to redis_url " + shown + " (" + attempts
                                    + (attempts == 1 ? " attempt" : " attempts") + " in " + wait.toSeconds() + " s): "
                                    + rootMessage(e),
                            e);
                }
                if (attempts == 1) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "Redis at redis_url " + shown + " does not answer yet (" + rootMessage(e)
                                    + "); retrying for up to " + wait.toSeconds() + " s");
                }
                long pause = Math.min(pauseMillis, Math.max(1, left / 1_000_000));
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    reconnects.dispose();
                    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                    resources.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
                    throw new EngineUnavailableException("interrupted while connecting to redis_url " + shown, e);
                }
                pauseMillis = Math.min(2000, pauseMillis * 2);
            }
        }
    }

    /** The URL as an operator may see it in a log: scheme, host, port and database, never the password. */
    static String withoutPassword(RedisURI uri) {
        return (uri.isSsl() ? "rediss" : "redis") + "://" + uri.getHost() + ":" + uri.getPort() + "/"
                + uri.getDatabase();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    @Override
    public Origin open() {
        List<Object> reply = timed(
                "open",
                () -> OPEN.run(
                        commands.sync(),
                        ScriptOutputType.MULTI,
                        new String[] {keys.meta(), keys.view(), keys.versions()},
                        UUID.randomUUID().toString()));
        String epoch = (String) reply.get(0);
        long seq = Long.parseLong((String) reply.get(1));
        Map<String, String> views = pairs(reply.get(2));
        Map<String, String> versions = pairs(reply.get(3));
        List<StoredIncident> incidents = new ArrayList<>(views.size());
        views.forEach((id, json) -> incidents.add(
                new StoredIncident(codec.incident(json), Long.parseLong(versions.getOrDefault(id, "0")))));
        position = new ReadPosition(epoch, seq);
        return new Origin(epoch, seq, incidents);
    }

    @Override
    public AppendResult append(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
        return timed("append", () -> append.run(commands.sync(), candidates, position));
    }

    @Override
    public boolean handedOut(String epoch, long seq) {
        // Timed apart from the follower's reads: clients' resumes ask this, not the stream's reading.
        List<String> meta = epochAndSeq("handed_out");
        return meta.get(0) != null
                && meta.get(0).equalsIgnoreCase(epoch)
                && meta.get(1) != null
                && seq <= Long.parseLong(meta.get(1));
    }

    @Override
    public Feed read(long afterSeq, int max, Duration wait) {
        // Lettuce's xread(XReadArgs, StreamOffset<K>...) is not @SafeVarargs: the one-offset array is
        // made here, from the raw type (a generic array cannot be made otherwise), and only ever read.
        @SuppressWarnings({"unchecked", "rawtypes"})
        XReadArgs.StreamOffset<String>[] from =
                new XReadArgs.StreamOffset[] {XReadArgs.StreamOffset.from(keys.stream(), afterSeq + "-0")};
        // A blocking read returns at once when there is something to read, so one round trip per
        // read is enough. But its time includes the wait for the next publish, which is not Redis's
        // latency: so a read that does not block, and once a second a read that will, first makes a
        // non-blocking read, timed as the "read" round trip, and blocks only when that found nothing.
        List<StreamMessage<String, String>> messages = null;
        long now = System.nanoTime();
        if (wait.isZero() || now - nextReadSample >= 0) {
            nextReadSample = now + readSampleNanos;
            messages = timed("read", () -> reading.sync().xread(XReadArgs.Builder.count(max), from));
        }
        if ((messages == null || messages.isEmpty()) && !wait.isZero()) {
            messages = untimed(
                    "read",
                    () -> reading.sync().xread(XReadArgs.Builder.count(max).block(wait), from));
        }
        List<Logged> events = new ArrayList<>(messages == null ? 0 : messages.size());
        String written = null;
        boolean oneEpoch = true;
        if (messages != null) {
            for (StreamMessage<String, String> message : messages) {
                events.add(
                        codec.logged(seqOf(message.getId()), message.getBody().get("d")));
                String epoch = message.getBody().get("e");
                oneEpoch &= epoch != null && (written == null || written.equals(epoch));
                written = epoch;
            }
        }
        // Each entry carries the epoch it was appended in, so a read that reached the head of the
        // stream knows its epoch without a second round trip: the event is delivered one round trip
        // sooner. A read that found nothing, or a full batch (still catching up, the lag metric wants
        // the head), or entries without one epoch each, reads the epoch from the meta hash as before.
        if (!events.isEmpty() && events.size() < max && oneEpoch) {
            reportLag(afterSeq, events, null);
            return read(afterSeq, new Feed(written, events));
        }
        // The epoch is checked after the read: had Redis lost the stream before it, the epoch read
        // now differs from the follower's, and what was read is discarded with the old stream.
        List<String> meta = epochAndSeq("epoch");
        String epoch = meta.get(0);
        if (epoch == null) {
            epoch = timed(
                    "epoch",
                    () -> EPOCH.run(
                            commands.sync(),
                            ScriptOutputType.VALUE,
                            new String[] {keys.meta()},
                            UUID.randomUUID().toString()));
        }
        ReadPosition read = position;
        if (read != null && epoch.equals(read.epoch())) {
            long readUpTo = Math.max(read.seq(), afterSeq);
            // No seq yet: the epoch was written, nothing appended (as the append script counts it).
            long streamSeq = meta.get(1) == null ? 0 : Long.parseLong(meta.get(1));
            if (streamSeq < readUpTo) {
                return wentBack(read.epoch(), readUpTo, streamSeq);
            }
        }
        reportLag(afterSeq, events, meta.get(1));
        return read(afterSeq, new Feed(epoch, events));
    }

    /** The stream's epoch and last seq from its meta hash (each null when missing), timed as {@code command}. */
    private List<String> epochAndSeq(String command) {
        return timed(command, () -> commands.sync().hmget(keys.meta(), "epoch", "seq")).stream()
                .map(value -> value.getValueOrElse(null))
                .toList();
    }

    /** Records how far the reader got, and returns {@code feed}. */
    private Feed read(long afterSeq, Feed feed) {
        ReadPosition read = position;
        if (read != null) {
            long last = feed.events().isEmpty()
                    ? afterSeq
                    : feed.events().get(feed.events().size() - 1).seq();
            position = read.atLeast(feed.epoch(), Math.max(afterSeq, last));
        }
        return feed;
    }

    /** Redis holds less of {@code epoch} than this node read: see {@link WentBack}. */
    private Feed wentBack(String epoch, long readUpTo, long streamSeq) {
        String next = timed("epoch", () -> WentBack.newEpoch(commands.sync(), keys, epoch, readUpTo, streamSeq));
        return new Feed(next == null ? epoch : next, List.of());
    }

    private void reportLag(long afterSeq, List<Logged> events, String head) {
        long position =
                events.isEmpty() ? afterSeq : events.get(events.size() - 1).seq();
        long headSeq = head == null ? position : Long.parseLong(head);
        double age = events.isEmpty()
                ? 0
                : Math.max(
                        0,
                        Duration.between(events.get(events.size() - 1).publishedAt(), clock.instant())
                                        .toNanos()
                                / 1e9);
        metrics.lag(Math.max(0, headSeq - position), age);
    }

    private static long seqOf(String streamId) {
        int dash = streamId.indexOf('-');
        return Long.parseLong(dash < 0 ? streamId : streamId.substring(0, dash));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> pairs(Object flat) {
        List<Object> list = (List<Object>) flat;
        Map<String, String> map = new HashMap<>(list.size());
        for (int i = 0; i + 1 < list.size(); i += 2) {
            map.put((String) list.get(i), (String) list.get(i + 1));
        }
        return map;
    }

    /** Runs one Redis command, timing its round trip; any Redis failure means the engine is unavailable. */
    private <T> T timed(String command, Supplier<T> call) {
        long start = System.nanoTime();
        T result = untimed(command, call);
        metrics.roundTrip(command, System.nanoTime() - start);
        return result;
    }

    /**
     * The alert episodes of this stream, in the same Redis on a connection of their own (closed
     * with the engine). A step stays unconfirmed for at most a publish's worst case: every append
     * attempt timing out, then the wait for the node to read its events back.
     */
    public RedisAlertEpisodes alertEpisodes(Duration retention) {
        StatefulRedisConnection<String, String> connection;
        try {
            connection = client.connect();
        } catch (RedisException e) {
            throw new EngineUnavailableException("cannot connect for the alert episodes: " + e.getMessage(), e);
        }
        Duration lease = settings.commandTimeout().multipliedBy(10).plusSeconds(10);
        return new RedisAlertEpisodes(connection, metrics, settings.keyPrefix(), retention, lease);
    }

    /** Runs one Redis command whose duration is not a round trip (a blocking read); failures count as for {@link #timed}. */
    private <T> T untimed(String command, Supplier<T> call) {
        try {
            return call.get();
        } catch (RedisException e) {
            metrics.error(command);
            throw new EngineUnavailableException(command + " failed: " + e.getMessage(), e);
        }
    }

    /** Whether Redis answers now (PONG), for start-up checks. */
    public String ping() {
        return timed("ping", () -> commands.sync().ping());
    }

    @Override
    public void close() {
        reconnects.dispose();
        reading.close();
        commands.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
    }
}
