package io.incidentstream.adapters.redis;

import io.incidentstream.application.message.Watcher;
import io.incidentstream.application.port.out.EngineMetrics;
import io.incidentstream.application.port.out.PresenceStore;
import io.incidentstream.application.port.out.SessionWatches;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Presence shared by the nodes of a cluster. Each node keeps its own sessions' watches in memory
 * (answered without Redis, so a watch, the read API and announcements never wait on it) and, once
 * a tick, publishes what changed to a hash of its own in Redis ({@code <prefix>:presence:node:<id>},
 * one field per watched incident), renews that hash's TTL and reads the hashes of the other nodes
 * whose version changed: one Lua script, one round trip per tick however many sessions or watches.
 *
 * <p>The TTL is the heartbeat interval: a node that dies stops renewing, its hash expires, and the
 * others drop its watchers at their next tick, then announce them gone (within
 * {@code 2 * heartbeat_interval_secs} for intervals of 2 s and more). When Redis is unreachable
 * the node keeps the other nodes' watchers it last saw for one TTL, then shows its own only; when
 * Redis answers again it rewrites its hash whole (Redis may have lost it). Presence has its own
 * client and connection, so it never delays the stream.
 */
public final class RedisPresenceStore implements PresenceStore, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RedisPresenceStore.class.getName());
    private static final LuaScript TICK = new LuaScript("presence");

    private final String nodeId;
    private final String nodeKey;
    private final String nodePrefix;
    private final String nodesKey;
    private final long ttlMillis;
    /** A version never repeats: another instance of this node id starts from another random part. */
    private final String instance = UUID.randomUUID().toString();

    private final AtomicLong versions = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final ScheduledExecutorService ticker;
    private final List<Consumer<UUID>> listeners = new CopyOnWriteArrayList<>();

    /** Guarded by this: this node's watches, and the incidents whose watches changed since the last tick. */
    private final SessionWatches local = new SessionWatches();

    private final Set<UUID> dirty = new HashSet<>();
    private boolean rewrite = true;
    /** Guarded by this: the other nodes' watchers as last read, and the version each was read at. */
    private final Map<String, Map<UUID, List<Watcher>>> remote = new HashMap<>();

    private final Map<String, String> remoteVersions = new HashMap<>();
    /**
     * Guarded by this: the merged watchers of incidents read since their last change here or
     * elsewhere. Every {@code watch} is answered with the list, so a join storm would otherwise
     * merge and sort it once per join.
     */
    private final Map<UUID, List<Watcher>> merged = new HashMap<>();
    /** Only the ticker thread touches these. */
    private long lastSyncNanos = System.nanoTime();

    private boolean reachable = true;
    private final EngineMetrics metrics;

    /**
     * Connects and starts ticking.
     *
     * @param ttl  how long a node's watchers outlive its last tick (the heartbeat interval)
     * @param tick how often this node publishes and reads (at most a third of {@code ttl})
     * @param metrics where each tick is reported, as the command {@code presence}: its round trip, or
     *                its failure (so that a presence store cut off from Redis shows in the metrics, not
     *                only in the log)
     * @throws RedisException when Redis cannot be reached at start
     */
    public RedisPresenceStore(
            RedisEngineSettings settings, String nodeId, Duration ttl, Duration tick, EngineMetrics metrics) {
        this.nodeId = nodeId;
        this.metrics = metrics;
        this.nodePrefix = settings.keyPrefix() + ":presence:node:";
        this.nodeKey = nodePrefix + nodeId;
        this.nodesKey = settings.keyPrefix() + ":presence:nodes";
        this.ttlMillis = ttl.toMillis();
        RedisURI uri = RedisURI.create(settings.url());
        uri.setTimeout(settings.commandTimeout());
        // Two small thread pools of its own: presence must not compete with the stream's client.
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(1)
                .computationThreadPoolSize(1)
                .reconnectDelay(Reconnects.delay())
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        try {
            this.connection = client.connect();
        } catch (RedisException e) {
            client.shutdown();
            resources.shutdown();
            throw e;
        }
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "incident-stream-presence-redis");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(50, Math.min(tick.toMillis(), ttlMillis / 3));
        ticker.scheduleWithFixedDelay(this::tickSafely, 0, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized boolean add(UUID incidentId, String sessionId, String user, String name, Instant since) {
        boolean added = local.add(incidentId, sessionId, user, name, since);
        if (added) {
            dirty.add(incidentId);
            merged.remove(incidentId);
        }
        return added;
    }

    @Override
    public synchronized boolean remove(UUID incidentId, String sessionId) {
        boolean removed = local.remove(incidentId, sessionId);
        if (removed) {
            dirty.add(incidentId);
            merged.remove(incidentId);
        }
        return removed;
    }

    @Override
    public synchronized List<Watcher> watchers(UUID incidentId) {
        List<Watcher> mine = local.watchers(incidentId);
        if (remote.isEmpty()) {
            return mine;
        }
        List<Watcher> all = merged.get(incidentId);
        if (all == null) {
            all = merge(incidentId, mine);
            if (!all.isEmpty()) {
                // Only watched incidents are kept, so the cache never outgrows the watches.
                merged.put(incidentId, all);
            }
        }
        return all;
    }

    private List<Watcher> merge(UUID incidentId, List<Watcher> mine) {
        Map<String, Watcher> byUser = new LinkedHashMap<>();
        mine.forEach(watcher -> byUser.put(watcher.user(), watcher));
        for (Map<UUID, List<Watcher>> node : remote.values()) {
            for (Watcher watcher : node.getOrDefault(incidentId, List.of())) {
                // A user on several nodes counts once, since their earliest watch anywhere.
                byUser.merge(watcher.user(), watcher, RedisPresenceStore::earliest);
            }
        }
        List<Watcher> result = new ArrayList<>(byUser.values());
        result.sort(SessionWatches.ORDER);
        return List.copyOf(result);
    }

    /** One user's watchers on two nodes: the earlier {@code since}, and a name if either has one. */
    private static Watcher earliest(Watcher a, Watcher b) {
        return new Watcher(
                a.user(),
                a.name() != null ? a.name() : b.name(),
                a.since().isBefore(b.since()) ? a.since() : b.since());
    }

    @Override
    public synchronized int watchedIncidents() {
        return allIncidents().size();
    }

    @Override
    public synchronized int watchers() {
        int count = 0;
        for (UUID incidentId : allIncidents()) {
            count += watchers(incidentId).size();
        }
        return count;
    }

    private Set<UUID> allIncidents() {
        Set<UUID> all = new HashSet<>(local.incidents());
        remote.values().forEach(node -> all.addAll(node.keySet()));
        return all;
    }

    @Override
    public void onChangeElsewhere(Consumer<UUID> listener) {
        listeners.add(listener);
    }

    /** Redis failures of presence since start (each failed tick counts once). */
    public long errors() {
        return errors.get();
    }

    /** Whether the last tick reached Redis. */
    public boolean reachable() {
        return reachable;
    }

    private void tickSafely() {
        long start = System.nanoTime();
        try {
            tick();
            lastSyncNanos = System.nanoTime();
            metrics.roundTrip("presence", lastSyncNanos - start);
            if (!reachable) {
                reachable = true;
                LOG.log(System.Logger.Level.INFO, "presence: Redis reachable again; watchers shared with the cluster");
            }
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            metrics.error("presence");
            synchronized (this) {
                rewrite = true;
            }
            if (reachable) {
                reachable = false;
                LOG.log(
                        System.Logger.Level.WARNING,
                        "presence: Redis unreachable (" + e.getMessage() + "); other nodes' watchers are kept for "
                                + ttlMillis + " ms, then only this node's are shown");
            }
            if (System.nanoTime() - lastSyncNanos > TimeUnit.MILLISECONDS.toNanos(ttlMillis)) {
                // Whoever was watching elsewhere may be gone by now: show only what this node knows.
                applyOthers(List.of(), Map.of());
            }
        }
    }

    /** Publishes this node's changes and reads the others': one script call (two after Redis lost this node's hash). */
    private void tick() {
        List<Object> reply = run(false);
        if (((Long) reply.get(0)) == 0) {
            reply = run(true);
        }
        @SuppressWarnings("unchecked")
        List<List<Object>> others = (List<List<Object>>) reply.get(1);
        Map<String, Map<UUID, List<Watcher>>> changed = new HashMap<>();
        List<String> live = new ArrayList<>();
        for (List<Object> other : others) {
            String node = (String) other.get(0);
            live.add(node);
            if (other.size() > 2) {
                @SuppressWarnings("unchecked")
                List<Object> flat = (List<Object>) other.get(2);
                Map<UUID, List<Watcher>> watches = new HashMap<>();
                for (int i = 0; i + 1 < flat.size(); i += 2) {
                    String field = (String) flat.get(i);
                    if (!field.equals("_v")) {
                        watches.put(UUID.fromString(field), WatcherCodec.read((String) flat.get(i + 1)));
                    }
                }
                changed.put(node, watches);
                synchronized (this) {
                    remoteVersions.put(node, (String) other.get(1));
                }
            }
        }
        applyOthers(live, changed);
    }

    private List<Object> run(boolean full) {
        List<String> args = new ArrayList<>();
        Map<String, String> known;
        synchronized (this) {
            Set<UUID> changes = full || rewrite ? local.incidents() : dirty;
            boolean whole = full || rewrite;
            args.addAll(List.of(
                    nodeId,
                    nodePrefix,
                    Long.toString(ttlMillis),
                    whole ? "1" : "0",
                    instance + ":" + versions.incrementAndGet(),
                    Integer.toString(changes.size())));
            for (UUID incidentId : changes) {
                List<Watcher> mine = local.watchers(incidentId);
                args.add(incidentId.toString());
                args.add(mine.isEmpty() ? "" : WatcherCodec.write(mine));
            }
            dirty.clear();
            rewrite = false;
            known = new HashMap<>(remoteVersions);
        }
        known.forEach((node, version) -> {
            args.add(node);
            args.add(version);
        });
        try {
            return TICK.run(
                    connection.sync(),
                    ScriptOutputType.MULTI,
                    new String[] {nodeKey, nodesKey},
                    args.toArray(String[]::new));
        } catch (RuntimeException e) {
            synchronized (this) {
                rewrite = true;
            }
            throw e;
        }
    }

    /** Replaces the other nodes' watchers: {@code live} nodes stay, {@code changed} ones are replaced; tells listeners. */
    private void applyOthers(List<String> live, Map<String, Map<UUID, List<Watcher>>> changed) {
        Set<UUID> touched = new HashSet<>();
        synchronized (this) {
            for (String node : new ArrayList<>(remote.keySet())) {
                if (!live.contains(node)) {
                    touched.addAll(remote.remove(node).keySet());
                    remoteVersions.remove(node);
                }
            }
            remoteVersions.keySet().retainAll(live);
            changed.forEach((node, watches) -> {
                Map<UUID, List<Watcher>> before = remote.put(node, watches);
                Set<UUID> ids = new HashSet<>(watches.keySet());
                if (before != null) {
                    ids.addAll(before.keySet());
                }
                for (UUID id : ids) {
                    if (before == null
                            || !watches.getOrDefault(id, List.of()).equals(before.getOrDefault(id, List.of()))) {
                        touched.add(id);
                    }
                }
            });
            merged.keySet().removeAll(touched);
        }
        for (UUID incidentId : touched) {
            listeners.forEach(listener -> listener.accept(incidentId));
        }
    }

    /** As a killed process would: stops ticking and leaves its hash to expire (for tests of a dead node). */
    void halt() {
        ticker.shutdownNow();
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** Stops ticking and removes this node's hash, so that the others drop its watchers at once. */
    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(2, TimeUnit.SECONDS);
            connection.sync().del(nodeKey);
        } catch (RuntimeException | InterruptedException e) {
            // Redis away: the hash expires by itself within the TTL.
        }
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
