package io.incidentstream.benchmarks.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens idle WebSocket connections in steps (each subscribed with a typical severity filter) and,
 * at each step, records the server's live heap after a full GC (Java servers) and its RSS/PSS;
 * with {@code --histo-dir}, also keeps each step's class histogram, to see what the heap holds.
 * Each step also reports how long its connections took to open (connect, {@code welcome},
 * {@code subscribe}, {@code subscribed}: the time to the last one ready), and the server CPU spent
 * per connection opened meanwhile: a reconnect storm, as after a deploy, measured step by step.
 * With {@code --transport sse} (ours only) the connections are Server-Sent Events streams
 * ({@code GET /sse} with the same filters) instead, so that the two transports' idle cost compare.
 *
 * <pre>
 * java -cp benchmarks.jar io.incidentstream.benchmarks.load.IdleConnections --target ours --port 8080 \
 *      --server-pid 1234 --steps 0,1000,5000,10000,19000 --sources 40 --out idle.csv
 * </pre>
 */
public final class IdleConnections {

    static final String HEADER =
            "label,target,connections,ready,failed,closed,heap_bytes,rss_before_gc_kb,rss_kb,pss_kb,"
                    + "open_secs,open_per_sec,open_cpu_us_per_conn,open_jit_us_per_conn";

    private IdleConnections() {}

    public static void main(String[] argv) throws Exception {
        run(argv);
        System.exit(0);
    }

    /** Runs every step; returns the number of steps measured. */
    public static int run(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        Target target = Target.parse(args);
        long serverPid = args.number("server-pid", ProcessHandle.current().pid());
        String label = args.text("label", target.label());
        List<Double> steps = args.decimals("steps", "0,1000,5000,10000,15000,19000");
        int sources = args.integer("sources", 40);
        boolean compression = args.flag("compression", false);
        boolean sse = args.text("transport", "ws").equals("sse");
        long settleMillis = (long) (args.decimal("settle-secs", 5) * 1000);
        boolean javaServer = target.kind() != Target.Kind.NCHAN;
        Csv csv = new Csv(args.text("out", null), HEADER);
        String histograms = args.text("histo-dir", null);
        Path histoDir = histograms == null ? null : Path.of(histograms);
        // A shell command run after each step's measurement, with BENCH_CONNECTIONS set (e.g. a jcmd report).
        String measureHook = args.text("measure-hook", null);
        args.checkAllUsed();

        BenchSocket.Counts counts = new BenchSocket.Counts();
        List<BenchSocket> sockets = new ArrayList<>();
        int measured = 0;
        int maxConnections = steps.stream().mapToInt(Double::intValue).max().orElse(0);
        try (ClientPool pool = sse ? null : new ClientPool(sources, 256, compression);
                SseStreams streams = sse ? new SseStreams(sources, maxConnections / sources + 1) : null) {
            java.util.function.IntSupplier failedConnects = () -> sse ? streams.failedStreams() : pool.failedConnects();
            int opens = 0;
            for (double step : steps) {
                int n = (int) step;
                int opened = n - (sse ? opens : sockets.size());
                List<Long> serverPids = ProcessMemory.withChildren(serverPid);
                ProcessCpu.Reading cpuBefore = ProcessCpu.read(serverPids);
                long openStart = System.nanoTime();
                while (sse && opens < n) {
                    int i = opens++;
                    streams.open(
                            target,
                            "idle-" + i,
                            Target.severitiesFor(i),
                            counts::readyOne,
                            text -> {},
                            counts::closedOne);
                }
                while (!sse && sockets.size() < n) {
                    int i = sockets.size();
                    List<String> severities = Target.severitiesFor(i);
                    BenchSocket socket = new BenchSocket(
                            target, target.subscribeMessage("idle-" + i, severities), text -> {}, counts);
                    sockets.add(socket);
                    pool.connect(socket, target, severities);
                }
                long deadline = System.nanoTime() + (60_000L + n * 10L) * 1_000_000L;
                while (counts.ready() + failedConnects.getAsInt() + counts.closed() < n
                        && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                double openSecs = (System.nanoTime() - openStart) / 1e9;
                ProcessCpu.Reading spent = ProcessCpu.read(serverPids).since(cpuBefore);
                double openCpuUs = opened <= 0 ? 0 : spent.seconds() * 1e6 / opened;
                // A fresh JVM compiles the connection path as it opens them: the part that ends once it has.
                double openJitUs = opened <= 0 ? 0 : spent.compilerSeconds() * 1e6 / opened;
                Thread.sleep(settleMillis);
                List<Long> pids = ProcessMemory.withChildren(serverPid);
                long rssBefore = ProcessMemory.rssKb(pids);
                long heap = -1;
                if (javaServer) {
                    String histogram = ProcessMemory.classHistogram(serverPid);
                    heap = ProcessMemory.liveHeapBytes(histogram);
                    if (histoDir != null) {
                        Files.createDirectories(histoDir);
                        Files.writeString(histoDir.resolve(label + "-" + n + ".txt"), histogram);
                    }
                }
                csv.row(
                        label,
                        target.label(),
                        n,
                        counts.ready(),
                        failedConnects.getAsInt(),
                        counts.closed(),
                        heap,
                        rssBefore,
                        ProcessMemory.rssKb(pids),
                        ProcessMemory.pssKb(pids),
                        openSecs,
                        opened <= 0 ? 0 : opened / openSecs,
                        openCpuUs,
                        openJitUs);
                measured++;
                hook(measureHook, n);
                if (failedConnects.getAsInt() + counts.closed() > Math.max(10, n / 100)) {
                    System.err.println("stopping: " + failedConnects.getAsInt() + " connects failed and "
                            + counts.closed() + " connections closed at step " + n);
                    break;
                }
            }
            sockets.forEach(BenchSocket::close);
            counts.awaitClosed(sockets.size(), 5_000);
        }
        return measured;
    }

    private static void hook(String command, int connections) throws Exception {
        if (command == null) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).inheritIO();
        builder.environment().put("BENCH_CONNECTIONS", String.valueOf(connections));
        Process process = builder.start();
        if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            System.err.println("hook failed: " + command);
        }
    }
}
