package io.incidentstream.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Fan-out latency and throughput: S subscribers with severity filters (every one includes P0 and
 * P1), one publisher posting P0/P1 alerts at fixed rates stepped up until delivery falls behind.
 * Per step: publish-to-receive latency percentiles, delivered messages per second, losses.
 * A step is within the knee when p99 is at most {@code --knee-ms} and at most 1% of deliveries
 * are missing. Stepping stops once delivery falls behind (more than 1% missing, or fewer than 95% of
 * the deliveries owed per second), or with {@code --stop-past-knee true} at the first step past the knee.
 * With {@code --samples N} each rate is measured N times in a row (one CSV row each, column
 * {@code sample}), and the decision to step on is made on the median sample, so that one hiccup of a
 * shared machine does not end the run (the report quotes the medians too).
 *
 * <p>{@code --transport sse} (ours only) subscribes over Server-Sent Events ({@code GET /sse}, the
 * same filters in the query) instead of {@code /ws}, with the same Jetty client stack
 * ({@link SseStreams}), so that the two transports can be compared step for step.
 *
 * <p>Subscribers (WebSocket or SSE) are read by {@link RawSubscribers} (plain NIO, a fraction of a
 * Jetty client's CPU per message) unless {@code --client jetty} asks for the Jetty clients. With
 * {@code --subscribe-ports 8081,8082,8083} the subscribers are spread round-robin over several nodes
 * of a cluster while the publisher posts to {@code --port}; {@code --server-pid} then takes every
 * node's pid (and Redis'), comma-separated, and the server CPU is their sum. Each subscriber has
 * a subscription id of its own, unless {@code --shared-subscription-id ID} gives them all one.
 *
 * <pre>
 * java -cp benchmarks.jar io.incidentstream.benchmarks.load.FanOut --target ours --port 8080 \
 *      --subscribers 1000 --rates 25,50,100,200,400 --step-secs 10 --out fanout.csv
 * </pre>
 */
public final class FanOut {

    static final String HEADER = "label,target,subscribers,rate,published,publish_failed,expected,received,lost_pct,"
            + "gaps,closed,p50_ms,p90_ms,p99_ms,p999_ms,max_ms,delivered_per_sec,server_cpu_pct,server_system_cpu_pct,"
            + "server_jit_cpu_pct,client_cpu_pct,within_knee,sample";

    private final List<PhaseStats> phases = new ArrayList<>();
    private final LongAdder gaps = new LongAdder();
    private final BenchSocket.Counts counts = new BenchSocket.Counts();
    /** {@code --shared-subscription-id}: one id for every subscriber, as a dashboard's tabs would share; else one each. */
    private String sharedSubscriptionId;

    private FanOut() {}

    private String subscriptionId(int subscriber) {
        return sharedSubscriptionId != null ? sharedSubscriptionId : "fan-" + subscriber;
    }

    public static void main(String[] argv) throws Exception {
        run(argv);
        System.exit(0);
    }

    /** Runs the steps; returns the number of steps measured. */
    public static int run(String[] argv) throws Exception {
        return new FanOut().execute(Args.parse(argv));
    }

    private int execute(Args args) throws Exception {
        Target target = Target.parse(args);
        String label = args.text("label", target.label());
        int subscribers = args.integer("subscribers", 1000);
        sharedSubscriptionId = args.text("shared-subscription-id", null);
        List<Double> rates = args.decimals("rates", "25,50,100,200,400,800,1600");
        double stepSecs = args.decimal("step-secs", 10);
        double warmupSecs = args.decimal("warmup-secs", 2);
        double drainSecs = args.decimal("drain-secs", 10);
        double kneeMs = args.decimal("knee-ms", 50);
        boolean stopPastKnee = args.flag("stop-past-knee", false);
        // Past the knee, stepping goes on while delivery keeps up, so the sustained rate is measured too. Behind:
        // more than 1% missing, or delivered below 95% of what is owed (a queue building up), or (optionally) a
        // p99 above this many milliseconds.
        double behindMs = args.decimal("behind-p99-ms", Double.MAX_VALUE);
        // Both JVMs (client and, for ours, server) compile their hot paths first: unrecorded, at the first rate.
        double prewarmSecs = args.decimal("prewarm-secs", 15);
        int samples = Math.max(1, args.integer("samples", 1));
        int sources = args.integer("sources", Math.max(2, (subscribers + 499) / 500));
        boolean compression = args.flag("compression", false);
        String transport = args.text("transport", "ws");
        if (!transport.equals("ws") && !transport.equals("sse")) {
            throw new IllegalArgumentException("--transport must be ws or sse, not " + transport);
        }
        List<Long> serverPids = args.decimals("server-pid", "-1").stream()
                .map(Double::longValue)
                .filter(pid -> pid > 0)
                .toList();
        List<Integer> subscribePorts = args.decimals("subscribe-ports", String.valueOf(target.port())).stream()
                .map(Double::intValue)
                .toList();
        String client = args.text("client", "raw");
        if (!client.equals("raw") && !client.equals("jetty")) {
            throw new IllegalArgumentException("--client must be raw or jetty, not " + client);
        }
        boolean raw = client.equals("raw") && !compression;
        if (!raw && subscribePorts.size() > 1) {
            throw new IllegalArgumentException("--subscribe-ports needs the raw client");
        }
        int connections = args.integer("publish-connections", 8);
        Csv csv = new Csv(args.text("out", null), HEADER);
        // Shell commands run just before and after each measured phase (to start and stop a profiler).
        String startHook = args.text("measure-start-hook", null);
        String endHook = args.text("measure-end-hook", null);
        args.checkAllUsed();
        // Phase numbers travel in each event: per rate one warm-up phase and one per sample, then the prewarm.
        int perRate = 1 + samples;
        int prewarmPhase = perRate * rates.size();
        for (int i = 0; i <= prewarmPhase; i++) {
            phases.add(new PhaseStats());
        }

        int measured = 0;
        boolean sse = transport.equals("sse");
        try (RawSubscribers rawSubscribers = raw ? new RawSubscribers(2, sources, rawListener()) : null;
                ClientPool pool = sse || raw ? null : new ClientPool(sources, 256, compression);
                SseStreams streams =
                        sse && !raw ? new SseStreams(sources, (subscribers + sources - 1) / sources) : null;
                Publisher publisher = new Publisher(target, connections)) {
            List<BenchSocket> sockets = sse || raw ? List.of() : subscribe(pool, target, subscribers);
            if (sse && !raw) {
                subscribe(streams, target, subscribers);
            }
            if (raw) {
                subscribe(rawSubscribers, target, subscribePorts, subscribers, sse);
            }
            if (prewarmSecs > 0) {
                PhaseStats prewarm = phases.get(prewarmPhase);
                publisher.publish(rates.get(0), prewarmSecs, prewarmPhase, prewarm);
                publisher.awaitResponses(10_000);
                awaitDeliveries(prewarm, prewarm.published() * subscribers, drainSecs);
            }
            for (int step = 0; step < rates.size(); step++) {
                double rate = rates.get(step);
                int phase = perRate * step;
                publisher.publish(rate, warmupSecs, phase, phases.get(phase));
                List<Sample> results = new ArrayList<>();
                for (int k = 0; k < samples; k++) {
                    Sample sample = measure(
                            publisher,
                            phases.get(phase + 1 + k),
                            phase + 1 + k,
                            rate,
                            stepSecs,
                            drainSecs,
                            serverPids,
                            k == 0 ? startHook : null,
                            k == 0 ? endHook : null,
                            step);
                    boolean withinKnee = sample.p99Ms() <= kneeMs
                            && sample.lostPct() <= 1.0
                            && sample.publishFailed() <= sample.sent() / 100;
                    csv.row(
                            label,
                            target.label(),
                            subscribers,
                            rate,
                            sample.published(),
                            sample.publishFailed(),
                            sample.expected(),
                            sample.received(),
                            sample.lostPct(),
                            gaps.sum(),
                            counts.closed(),
                            sample.p50Ms(),
                            sample.p90Ms(),
                            sample.p99Ms(),
                            sample.p999Ms(),
                            sample.maxMs(),
                            sample.deliveredPerSec(),
                            sample.serverCpuPct(),
                            sample.serverSystemCpuPct(),
                            sample.serverJitCpuPct(),
                            sample.clientCpuPct(),
                            withinKnee,
                            k + 1);
                    results.add(sample);
                }
                measured++;
                // The median sample by p99 decides (with one sample: that sample).
                results.sort(java.util.Comparator.comparingDouble(Sample::p99Ms));
                Sample median = results.get(results.size() / 2);
                boolean withinKnee = median.p99Ms() <= kneeMs
                        && median.lostPct() <= 1.0
                        && median.publishFailed() <= median.sent() / 100;
                double owedPerSec = rate * median.open();
                boolean behind = median.lostPct() > 1.0
                        || median.deliveredPerSec() < 0.95 * owedPerSec
                        || median.p99Ms() > behindMs
                        || median.publishFailed() > median.sent() / 100;
                if (stopPastKnee ? !withinKnee : behind) {
                    break;
                }
            }
            sockets.forEach(BenchSocket::close);
            counts.awaitClosed(sockets.size(), 5_000);
        }
        return measured;
    }

    /** One measured sample of a step: publish for {@code stepSecs}, wait for the deliveries, read both CPU clocks. */
    private Sample measure(
            Publisher publisher,
            PhaseStats stats,
            int phase,
            double rate,
            double stepSecs,
            double drainSecs,
            List<Long> serverPids,
            String startHook,
            String endHook,
            int step)
            throws Exception {
        int open = counts.ready() - counts.closed();
        List<Long> pids = new ArrayList<>();
        for (long serverPid : serverPids) {
            pids.addAll(ProcessMemory.withChildren(serverPid));
        }
        ProcessCpu.Reading server0 = ProcessCpu.read(pids);
        double clientCpu0 = ProcessCpu.seconds(ProcessHandle.current().pid());
        hook(startHook, step, rate, stepSecs);
        long sent = publisher.publish(rate, stepSecs, phase, stats);
        hook(endHook, step, rate, stepSecs);
        publisher.awaitResponses(10_000);
        long expected = stats.published() * open;
        awaitDeliveries(stats, expected, drainSecs);
        double elapsed = Math.max(stepSecs, (stats.lastReceivedNanos() - stats.startNanos()) / 1e9);
        ProcessCpu.Reading server = ProcessCpu.read(pids).since(server0);
        double clientCpu = (ProcessCpu.seconds(ProcessHandle.current().pid()) - clientCpu0) / elapsed * 100;
        Histogram h = stats.latencies();
        long received = stats.receivedCount();
        double lostPct = expected == 0 ? 100 : 100.0 * (expected - Math.min(expected, received)) / expected;
        return new Sample(
                open,
                sent,
                stats.published(),
                stats.publishFailed(),
                expected,
                received,
                lostPct,
                h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0,
                h.getMaxValue() / 1000.0,
                received / elapsed,
                server.seconds() / elapsed * 100,
                server.systemSeconds() / elapsed * 100,
                server.compilerSeconds() / elapsed * 100,
                clientCpu);
    }

    /** The figures of one measured sample. */
    private record Sample(
            int open,
            long sent,
            long published,
            long publishFailed,
            long expected,
            long received,
            double lostPct,
            double p50Ms,
            double p90Ms,
            double p99Ms,
            double p999Ms,
            double maxMs,
            double deliveredPerSec,
            double serverCpuPct,
            /** The kernel's share of {@code serverCpuPct}. */
            double serverSystemCpuPct,
            /** The JIT compiler threads' share of {@code serverCpuPct} (Java servers; a lower bound). */
            double serverJitCpuPct,
            double clientCpuPct) {}

    private RawSubscribers.Listener rawListener() {
        return new RawSubscribers.Listener() {
            @Override
            public void ready() {
                counts.readyOne();
            }

            @Override
            public void closed(String reason) {
                counts.closedOne(reason);
            }

            @Override
            public void unmarked(byte[] buffer, int from, int to) {
                if (RawSubscribers.startsWith(buffer, from, to, "{\"type\":\"gap\"")) {
                    gaps.increment();
                }
            }

            @Override
            public void marked(long due, int phase, long nowNanos) {
                phases.get(phase).received(due, nowNanos);
            }
        };
    }

    /** Opens the subscribers 8 at a time, spread over {@code ports}; waits until all are subscribed. */
    private void subscribe(RawSubscribers raw, Target target, List<Integer> ports, int subscribers, boolean sse)
            throws InterruptedException {
        java.util.concurrent.ExecutorService openers = java.util.concurrent.Executors.newFixedThreadPool(8);
        for (int i = 0; i < subscribers; i++) {
            List<String> severities = Target.severitiesFor(i);
            Target node = new Target(target.kind(), target.host(), ports.get(i % ports.size()));
            if (sse) {
                java.net.URI uri = node.sseUri(subscriptionId(i), severities);
                openers.execute(() -> raw.openSse(node, uri.getRawPath() + "?" + uri.getRawQuery()));
                continue;
            }
            String message = node.subscribeMessage(subscriptionId(i), severities);
            String path = node.subscribeUri(severities).getRawPath();
            openers.execute(() -> raw.open(node, path, message));
        }
        openers.shutdown();
        counts.awaitReady(subscribers, raw::failedConnects, "subscribers");
    }

    private void subscribe(SseStreams streams, Target target, int subscribers) throws InterruptedException {
        for (int i = 0; i < subscribers; i++) {
            streams.open(
                    target,
                    subscriptionId(i),
                    Target.severitiesFor(i),
                    counts::readyOne,
                    this::onMessage,
                    counts::closedOne);
        }
        counts.awaitReady(subscribers, streams::failedStreams, "subscribers");
    }

    private List<BenchSocket> subscribe(ClientPool pool, Target target, int subscribers) throws Exception {
        List<BenchSocket> sockets = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            List<String> severities = Target.severitiesFor(i);
            BenchSocket socket = new BenchSocket(
                    target, target.subscribeMessage(subscriptionId(i), severities), this::onMessage, counts);
            sockets.add(socket);
            pool.connect(socket, target, severities);
        }
        counts.awaitReady(subscribers, pool::failedConnects, "subscribers");
        return sockets;
    }

    /**
     * Runs a shell command (bounded to two minutes) with {@code BENCH_STEP}, {@code BENCH_RATE} and
     * {@code BENCH_STEP_SECS} in its environment; its failure is reported, not fatal.
     */
    private static void hook(String command, int step, double rate, double stepSecs)
            throws InterruptedException, java.io.IOException {
        if (command == null) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).inheritIO();
        builder.environment().put("BENCH_STEP", String.valueOf(step));
        builder.environment().put("BENCH_RATE", String.valueOf((long) rate));
        builder.environment().put("BENCH_STEP_SECS", String.valueOf((long) Math.ceil(stepSecs)));
        Process process = builder.start();
        if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            System.err.println("hook failed: " + command);
        }
    }

    /** Waits until all expected deliveries arrived, none arrived for 3 s, or the drain time is over. */
    private static void awaitDeliveries(PhaseStats stats, long expected, double drainSecs) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (drainSecs * 1e9);
        long last = -1;
        long lastProgress = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = stats.receivedCount();
            if (now >= expected) {
                return;
            }
            if (now != last) {
                last = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > 3_000_000_000L) {
                return;
            }
            Thread.sleep(20);
        }
    }

    /** On a client thread, for every text frame after the subscription was confirmed. */
    private void onMessage(String text) {
        long now = System.nanoTime();
        if (!DeliveryMark.record(text, now, phases) && text.startsWith("{\"type\":\"gap\"")) {
            gaps.increment();
        }
    }
}
