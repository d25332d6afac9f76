package io.incidentstream.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * What a presence storm costs everyone else (issue 19). Many sessions that subscribe to nothing
 * ("watchers") watch and unwatch one incident over and over, while "others" subscribed to
 * unrelated events (P0/P1 alerts, published at a fixed rate) measure their event latency, and a few
 * "observers" subscribed to the watched incident count the presence messages they get. Two
 * phases with the same publishing: a baseline without the storm, then the storm. Per phase: the
 * others' latency percentiles, what reached them, presence messages (observers: per second at
 * most; others: none expected), server CPU.
 *
 * <p>The watchers are read raw ({@link RawWatchers}): each watch and unwatch is answered with the
 * whole watcher list, about 400 KB at 5,000 watchers, and decoding thousands of those a second into
 * strings (the Jetty client did) took this 2-core machine from the server, so that the faster the
 * server answered, the worse the others' latency got: it measured the client. The others and
 * observers get few, small messages and stay on the Jetty client.
 *
 * <pre>
 * java -cp benchmarks.jar io.incidentstream.benchmarks.load.PresenceStorm --port 8080 --server-pid 1234 \
 *      --watchers 5000 --others 1000 --observers 10 --rate 20 --phase-secs 15 --out presence.csv
 * </pre>
 */
public final class PresenceStorm {

    static final String HEADER = "phase,watchers,others,observers,rate,published,expected,received,p50_ms,p99_ms,"
            + "p999_ms,max_ms,watch_messages,watch_replies,presence_to_observers_per_sec_max,presence_to_observers,"
            + "presence_to_others,server_cpu_pct";

    private final List<PhaseStats> phases = List.of(new PhaseStats(), new PhaseStats(), new PhaseStats());
    private final BenchSocket.Counts counts = new BenchSocket.Counts();
    private final LongAdder presenceToOthers = new LongAdder();
    private final LongAdder presenceToObservers = new LongAdder();
    private final LongAdder watchReplies = new LongAdder();
    /** Watch and unwatch messages the storm sent in its phase. */
    private final LongAdder stormSent = new LongAdder();
    /** Sends of the storm that were not written (closed session, failed or timed-out write). */
    private final LongAdder stormFailed = new LongAdder();
    /** Presence messages per observer per wall-clock second: the rate limit seen from outside. */
    private final ConcurrentHashMap<String, LongAdder> perObserverSecond = new ConcurrentHashMap<>();

    private volatile int phase;

    private PresenceStorm() {}

    public static void main(String[] argv) throws Exception {
        run(argv);
        System.exit(0);
    }

    /** Runs both phases; returns the number of rows written (2). */
    public static int run(String[] argv) throws Exception {
        return new PresenceStorm().execute(Args.parse(argv));
    }

    private int execute(Args args) throws Exception {
        Target target = new Target(Target.Kind.OURS, args.text("host", "127.0.0.1"), args.integer("port", 8080));
        int watchers = args.integer("watchers", 5000);
        int others = args.integer("others", 1000);
        int observers = args.integer("observers", 10);
        double rate = args.decimal("rate", 20);
        double phaseSecs = args.decimal("phase-secs", 15);
        double cycleSecs = args.decimal("cycle-secs", 2);
        double prewarmSecs = args.decimal("prewarm-secs", 10);
        long serverPid = args.number("server-pid", -1);
        Csv csv = new Csv(args.text("out", null), HEADER);
        args.checkAllUsed();

        String incident = createIncident(target);
        int sources = Math.max(2, (watchers + others + observers + 499) / 500);
        int rows = 0;
        try (ClientPool pool = new ClientPool(sources, 256, false);
                RawWatchers stormers = new RawWatchers(target, watchers, sources, 2, watchReplies::increment);
                Publisher publisher = new Publisher(target, 8)) {
            List<BenchSocket> all = new ArrayList<>();
            for (int i = 0; i < others; i++) {
                // P0/P1 only: every published alert matches, the watched (P3) incident never does.
                List<String> severities = List.of("P0", "P1");
                all.add(connect(
                        pool, target, target.subscribeMessage("other-" + i, severities), this::onOther, severities));
            }
            for (int i = 0; i < observers; i++) {
                String id = "observer-" + i;
                all.add(connect(
                        pool,
                        target,
                        "{\"type\":\"subscribe\",\"subscription_id\":\"" + id + "\",\"filters\":{\"incident_ids\":[\""
                                + incident + "\"]}}",
                        text -> onObserver(id, text),
                        List.of()));
            }
            counts.awaitReady(others + observers, pool::failedConnects, "sessions");

            if (prewarmSecs > 0) {
                phase = 2;
                publisher.publish(rate, prewarmSecs, 2, phases.get(2));
                publisher.awaitResponses(10_000);
            }
            List<Long> pids = serverPid > 0 ? ProcessMemory.withChildren(serverPid) : List.of();
            for (int p = 0; p < 2; p++) {
                boolean storm = p == 1;
                phase = p;
                reset();
                PhaseStats stats = phases.get(p);
                double cpu0 = ProcessCpu.seconds(pids);
                long start = System.nanoTime();
                Thread stormThread = storm ? storm(stormers, incident, phaseSecs, cycleSecs) : null;
                publisher.publish(rate, phaseSecs, p, stats);
                long watchMessages = stormThread == null ? 0 : joinStorm(stormThread);
                double elapsed = (System.nanoTime() - start) / 1e9;
                double cpu = (ProcessCpu.seconds(pids) - cpu0) / elapsed * 100;
                publisher.awaitResponses(10_000);
                long expected = stats.published() * others;
                awaitCount(stats::receivedCount, expected);
                // The storm's last sends (everyone's unwatch) are answered after it ends.
                awaitCount(watchReplies::sum, watchMessages);
                Histogram h = stats.latencies();
                long maxPerSecond = perObserverSecond.values().stream()
                        .mapToLong(LongAdder::sum)
                        .max()
                        .orElse(0);
                csv.row(
                        storm ? "storm" : "baseline",
                        storm ? watchers : 0,
                        others,
                        observers,
                        rate,
                        stats.published(),
                        expected,
                        stats.receivedCount(),
                        h.getValueAtPercentile(50) / 1000.0,
                        h.getValueAtPercentile(99) / 1000.0,
                        h.getValueAtPercentile(99.9) / 1000.0,
                        h.getMaxValue() / 1000.0,
                        watchMessages,
                        watchReplies.sum(),
                        maxPerSecond,
                        presenceToObservers.sum(),
                        presenceToOthers.sum(),
                        cpu);
                rows++;
            }
            all.forEach(BenchSocket::close);
            counts.awaitClosed(all.size(), 10_000);
        }
        return rows;
    }

    private void reset() {
        presenceToOthers.reset();
        presenceToObservers.reset();
        watchReplies.reset();
        perObserverSecond.clear();
    }

    /**
     * Every watcher watches, then unwatches, the incident once per cycle, spread evenly over the
     * cycle: {@code 2 * watchers / cycleSecs} messages a second, for {@code phaseSecs}.
     */
    private Thread storm(RawWatchers stormers, String incident, double phaseSecs, double cycleSecs) {
        byte[] watch = message("watch", incident);
        byte[] unwatch = message("unwatch", incident);
        LongAdder sent = stormSent;
        sent.reset();
        stormFailed.reset();
        Thread thread = new Thread(
                () -> {
                    long start = System.nanoTime();
                    long end = start + (long) (phaseSecs * 1e9);
                    long period = (long) (cycleSecs * 1e9 / (2L * stormers.size()));
                    long i = 0;
                    while (System.nanoTime() < end) {
                        long due = start + i * period;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        int n = (int) (i % (2L * stormers.size()));
                        // First half of a cycle: everyone joins; second half: everyone leaves.
                        // Awaited: each send is written whole, or counted failed, before the next.
                        count(stormers.sendAwaited(n % stormers.size(), n < stormers.size() ? watch : unwatch, 5_000));
                        i++;
                    }
                    // Nobody is left watching at the end of the phase.
                    for (int w = 0; w < stormers.size(); w++) {
                        count(stormers.sendAwaited(w, unwatch, 5_000));
                    }
                },
                "presence-storm");
        thread.start();
        return thread;
    }

    /** A watch or unwatch message, encoded once: the storm sends it thousands of times. */
    private static byte[] message(String type, String incident) {
        return ("{\"type\":\"" + type + "\",\"incident_id\":\"" + incident + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private void count(boolean written) {
        (written ? stormSent : stormFailed).increment();
    }

    /** Waits for the storm to end; a storm that lost sends measured something else, so it fails the run. */
    private long joinStorm(Thread thread) throws InterruptedException {
        thread.join();
        if (stormFailed.sum() > 0) {
            throw new IllegalStateException(stormFailed.sum() + " watch/unwatch sends of the storm failed ("
                    + stormSent.sum() + " written): the server or this client is overloaded; lower --watchers");
        }
        return stormSent.sum();
    }

    private BenchSocket connect(
            ClientPool pool,
            Target target,
            String subscribe,
            java.util.function.Consumer<String> on,
            List<String> severities)
            throws InterruptedException {
        BenchSocket socket = new BenchSocket(target, subscribe, on, counts);
        pool.connect(socket, target, severities);
        return socket;
    }

    private static String createIncident(Target target) throws Exception {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://" + target.host() + ":" + target.port() + "/api/v1/incidents"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"id\":\"" + id + "\",\"source\":\"presence-bench\","
                                                + "\"title\":\"presence storm\",\"severity\":\"P3\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException(
                    "creating the incident failed: " + response.statusCode() + " " + response.body());
        }
        return id;
    }

    /** Waits, at most 10 s, until {@code count} reaches {@code expected}: what a phase caused may still be arriving. */
    private static void awaitCount(LongSupplier count, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (count.getAsLong() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private void onObserver(String id, String text) {
        if (text.startsWith("{\"type\":\"presence\"")) {
            presenceToObservers.increment();
            long second = System.nanoTime() / 1_000_000_000L;
            perObserverSecond
                    .computeIfAbsent(id + "@" + second, k -> new LongAdder())
                    .increment();
        }
    }

    /** Others subscribe to P0/P1 alerts only: any presence reaching them would be a leak. */
    private void onOther(String text) {
        long now = System.nanoTime();
        if (text.startsWith("{\"type\":\"presence\"")) {
            presenceToOthers.increment();
            return;
        }
        DeliveryMark.record(text, now, phases);
    }
}
