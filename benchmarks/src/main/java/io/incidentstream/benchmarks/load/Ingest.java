package io.incidentstream.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;

/**
 * Ingest throughput: {@code --connections} keep-alive connections, each posting as fast as
 * answers come back (closed loop), one event per request or a JSON array of {@code --batch}.
 * No subscribers are connected. Reports events accepted per second and request latency.
 *
 * <pre>
 * java -cp benchmarks.jar io.incidentstream.benchmarks.load.Ingest --target ours --port 8080 --batch 100
 * </pre>
 */
public final class Ingest {

    static final String HEADER = "label,target,batch,connections,secs,requests,events_accepted,rejected,errors,"
            + "events_per_sec,requests_per_sec,p50_ms,p99_ms,server_cpu_pct";

    private Ingest() {}

    public static void main(String[] argv) throws Exception {
        run(argv);
        System.exit(0);
    }

    /** Runs the measurement; returns the events accepted per second. */
    public static double run(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        Target target = Target.parse(args);
        String label = args.text("label", target.label());
        int batch = args.integer("batch", 1);
        int connections = args.integer("connections", 4);
        double secs = args.decimal("secs", 10);
        double warmupSecs = args.decimal("warmup-secs", 3);
        // Several pids (a cluster's nodes and its Redis): their CPU is summed.
        List<Long> serverPids = args.decimals("server-pid", "-1").stream()
                .map(Double::longValue)
                .filter(pid -> pid > 0)
                .toList();
        Csv csv = new Csv(args.text("out", null), HEADER);
        args.checkAllUsed();
        if (batch > 1 && target.kind() == Target.Kind.NCHAN) {
            throw new IllegalArgumentException("nchan publishes one message per request: --batch must be 1");
        }
        String body = body(batch);

        HttpClient http = new HttpClient();
        http.setMaxConnectionsPerDestination(connections);
        http.start();
        try {
            drive(http, target, body, connections, warmupSecs, new Counters(), batch);
            List<Long> pids = new ArrayList<>();
            for (long serverPid : serverPids) {
                pids.addAll(ProcessMemory.withChildren(serverPid));
            }
            double cpu0 = ProcessCpu.seconds(pids);
            Counters counters = new Counters();
            long start = System.nanoTime();
            drive(http, target, body, connections, secs, counters, batch);
            double elapsed = (System.nanoTime() - start) / 1e9;
            double cpu = (ProcessCpu.seconds(pids) - cpu0) / elapsed * 100;
            Histogram h = counters.latency.getIntervalHistogram();
            double eventsPerSec = counters.events.sum() / elapsed;
            csv.row(
                    label,
                    target.label(),
                    batch,
                    connections,
                    elapsed,
                    counters.requests.sum(),
                    counters.events.sum(),
                    counters.rejected.sum(),
                    counters.errors.sum(),
                    eventsPerSec,
                    counters.requests.sum() / elapsed,
                    h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0,
                    cpu);
            return eventsPerSec;
        } finally {
            http.stop();
        }
    }

    /** The request body: the fan-out workload's P1 alert, alone or {@code batch} times in an array. */
    static String body(int batch) {
        String event = Publisher.body("P1", 0, 0);
        if (batch == 1) {
            return event;
        }
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < batch; i++) {
            array.append(i == 0 ? "" : ",").append(event);
        }
        return array.append(']').toString();
    }

    private static void drive(
            HttpClient http, Target target, String body, int connections, double secs, Counters counters, int batch)
            throws InterruptedException {
        long end = System.nanoTime() + (long) (secs * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread thread = new Thread(
                    () -> {
                        while (System.nanoTime() < end) {
                            long t0 = System.nanoTime();
                            try {
                                ContentResponse response = http.newRequest(target.publishUri("P1"))
                                        .method(HttpMethod.POST)
                                        .timeout(30, TimeUnit.SECONDS)
                                        .body(new StringRequestContent("application/json", body))
                                        .send();
                                counters.requests.increment();
                                if (response.getStatus() / 100 == 2) {
                                    counters.events.add(batch);
                                } else if (response.getStatus() == 503) {
                                    counters.rejected.add(batch);
                                } else {
                                    counters.errors.increment();
                                }
                            } catch (Exception e) {
                                counters.errors.increment();
                            }
                            counters.latency.recordValue(Math.min(60_000_000L, (System.nanoTime() - t0) / 1000));
                        }
                    },
                    "ingest-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** Totals of one measurement. */
    private static final class Counters {
        final LongAdder requests = new LongAdder();
        final LongAdder events = new LongAdder();
        final LongAdder rejected = new LongAdder();
        final LongAdder errors = new LongAdder();
        final Recorder latency = new Recorder(60_000_000L, 3);
    }
}
