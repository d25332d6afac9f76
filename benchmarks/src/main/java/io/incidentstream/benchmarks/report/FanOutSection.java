package io.incidentstream.benchmarks.report;

import static io.incidentstream.benchmarks.report.Markdown.num;
import static io.incidentstream.benchmarks.report.Markdown.ratio;
import static io.incidentstream.benchmarks.report.Markdown.sig;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Fan-out latency and throughput at stepped publish rates, ours against nginx + nchan. */
final class FanOutSection {

    private static final String[] LABELS = {"ours", "nchan"};

    private static final List<String> HEADERS = List.of(
            "events/s",
            "owed deliveries/s",
            "samples",
            "p50 ms",
            "p90 ms",
            "p99 ms",
            "p99 range ms",
            "p99.9 ms",
            "max ms",
            "delivered/s",
            "missing %",
            "gaps",
            "server CPU %",
            "server CPU us/delivery",
            "client CPU %",
            "client CPU us/delivery",
            "within knee");

    private FanOutSection() {}

    static void write(Run run, Plots plots, Markdown md) throws IOException {
        Table samples = run.section(md, "Fan-out: latency and throughput", "fanout.csv", "fan-out");
        if (samples.isEmpty()) {
            return;
        }
        // Repeated samples of a step (and repeated rounds of the target workload) become one row of medians.
        Table fanout = Table.of(Medians.of(samples.rows()));
        md.paragraph("S subscribers (separate JVM, source addresses 127.0.0.2 and up) with severity filters that "
                + "all include P0 and P1 (P0+P1, P0..P2, P0..P3, P0..P4 in rotation; on nchan the same channels, "
                + "multiplexed), so every event reaches every subscriber on both servers: at R events/s the "
                + "servers owe R x S deliveries/s. One publisher in the client JVM posts alert_received events of "
                + "severity P0 and P1 alternately over HTTP keep-alive at a fixed rate, open loop; each event "
                + "carries its due time (`System.nanoTime`, same JVM as the subscribers), and latency is receive "
                + "time minus due time, so a late publish counts against the server (no coordinated omission). "
                + "Before the first step, 15 s at the first rate warm up both JVMs (not recorded). Each step: 2 s "
                + "warm-up at the rate (not recorded), 10 s measured, then up to 10 s for the stragglers. "
                + "Delivered/s = deliveries of the measured events / time from the first due time to the last "
                + "receipt. A step is within the knee when p99 <= 50 ms, at most 1% of deliveries are missing and "
                + "at most 1% of publishes failed. Stepping stops when delivery falls behind: more than 1% missing, "
                + "or fewer than 95% of the owed deliveries per second (a queue building up). "
                + "Server CPU is user+system time of the server's processes over the step (200% = both cores), "
                + "and CPU per delivery divides it by delivered messages; the load client's own CPU is shown the same "
                + "way (it shares the two cores, so what it spends reading is taken from the server). At the "
                + "target workload the targets table splits the server's CPU per delivery into the kernel's part "
                + "(system time: the system calls, with loopback's delivery to the client inside them) and the rest, "
                + "user space, and gives the part of ours spent by the JVM's JIT compiler threads (still compiling the "
                + "publish path, which 100 requests a second warm slowly) with ours without it. With "
                + "`--samples N` each rate is measured N times in a row; every figure in the tables is then the "
                + "median of the N samples (each column on its own), the p99 range shows the lowest and highest "
                + "sample, and the stepping goes on or stops on the median sample.");
        run.commands(md, "server-ours-fanout", "server-before-fanout", "fanout-", "server-nchan-fanout");
        Table targetRuns = fanout.where(r -> r.get("label").endsWith("-target"));
        fanout = fanout.where(r -> !r.get("label").endsWith("-target"));
        List<String> counts =
                fanout.rows().stream().map(r -> r.get("subscribers")).distinct().toList();
        List<List<String>> knees = new ArrayList<>();
        for (String subscribers : counts) {
            Table bySubs = fanout.where("subscribers", subscribers);
            md.heading(3, num(Double.parseDouble(subscribers), 0) + " subscribers");
            double[] knee = new double[LABELS.length];
            double[] kneeRate = new double[LABELS.length];
            double[] sustained = new double[LABELS.length];
            double[] cpuPerDelivery = new double[LABELS.length];
            for (int i = 0; i < LABELS.length; i++) {
                List<Map<String, String>> rows = sorted(bySubs.where("label", LABELS[i]));
                if (rows.isEmpty()) {
                    continue;
                }
                md.paragraph("**" + LABELS[i] + "**");
                md.table(HEADERS, rows.stream().map(FanOutSection::row).toList());
                for (Map<String, String> row : rows) {
                    boolean keptUp = Table.number(row, "lost_pct") <= 1.0
                            && Table.number(row, "delivered_per_sec")
                                    >= 0.95 * Table.number(row, "rate") * Table.number(row, "subscribers");
                    if (keptUp && Table.number(row, "delivered_per_sec") > sustained[i]) {
                        sustained[i] = Table.number(row, "delivered_per_sec");
                        cpuPerDelivery[i] = Table.number(row, "server_cpu_pct") / 100 / sustained[i] * 1e6;
                    }
                    if (Boolean.parseBoolean(row.get("within_knee"))
                            && Table.number(row, "delivered_per_sec") > knee[i]) {
                        knee[i] = Table.number(row, "delivered_per_sec");
                        kneeRate[i] = Table.number(row, "rate");
                    }
                }
            }
            knees.add(List.of(
                    subscribers,
                    kneeText(kneeRate[0], knee[0]),
                    kneeText(kneeRate[1], knee[1]),
                    knee[0] > 0 && knee[1] > 0 ? ratio(knee[0], knee[1]) : "-",
                    num(sustained[0], 0),
                    num(sustained[1], 0),
                    ratio(sustained[0], sustained[1]),
                    num(cpuPerDelivery[0], 1),
                    num(cpuPerDelivery[1], 1)));
            String measured = knee[0] > 0 && knee[1] > 0
                    ? ratio(knee[0], knee[1]) + " (" + num(knee[0], 0) + " vs " + num(knee[1], 0) + " msgs/s)"
                    : "ours " + (knee[0] > 0 ? num(knee[0], 0) + " msgs/s" : "no step within the knee") + ", nchan "
                            + (knee[1] > 0 ? num(knee[1], 0) + " msgs/s" : "no step within the knee");
            String what = "Fan-out knee throughput, " + subscribers + " subscribers";
            if (knee[0] == 0 && knee[1] == 0) {
                run.targetWithVerdict(
                        what,
                        "ours/nchan >= 1.0",
                        measured,
                        "**not measurable** here: neither server had a step within the knee");
            } else {
                run.target(what, "ours/nchan >= 1.0", measured, knee[1] == 0 || knee[0] >= knee[1]);
            }
            run.target(
                    "Fan-out sustained throughput (kept up, any latency), " + subscribers + " subscribers",
                    "ratio ours/nchan (reported)",
                    ratio(sustained[0], sustained[1]) + " (" + num(sustained[0], 0)
                            + " vs " + num(sustained[1], 0) + " msgs/s; server CPU per delivery "
                            + num(cpuPerDelivery[0], 1)
                            + " vs " + num(cpuPerDelivery[1], 1) + " us)",
                    null);
            plot(plots, md, bySubs, subscribers);
        }
        target(run, md, targetRuns, fanout);
        md.heading(3, "Knee and sustained throughput");
        md.paragraph("Knee: the highest delivered rate of a step with p99 <= 50 ms and at most 1% missing (events/s "
                + "published -> messages/s delivered). Sustained: the highest delivered rate of a step that kept up "
                + "(at most 1% missing and at least 95% of the owed deliveries per second), whatever its latency, and "
                + "the server CPU per delivery at that step.");
        md.table(
                List.of(
                        "subscribers",
                        "ours knee",
                        "nchan knee",
                        "knee ours/nchan",
                        "ours sustained/s",
                        "nchan sustained/s",
                        "sustained ours/nchan",
                        "ours CPU us/delivery",
                        "nchan CPU us/delivery"),
                knees);
    }

    /**
     * The target's workload (1k subscribers, 100 events/s) measured on its own, on fresh servers with
     * 10 s of warm-up; without such a run, the stepped run's 100 events/s step if it got that far.
     */
    private static void target(Run run, Markdown md, Table targetRuns, Table stepped) {
        md.heading(3, "The target workload: 1,000 subscribers at 100 events/s");
        List<Map<String, String>> rows = new ArrayList<>(targetRuns.rows());
        if (rows.isEmpty()) {
            rows.addAll(stepped.where("subscribers", "1000")
                    .where(r -> Table.number(r, "rate") == 100)
                    .rows());
        }
        if (rows.isEmpty()) {
            md.paragraph("Not measured in this run (the stepped run stopped before 100 events/s).");
            return;
        }
        md.paragraph("Fresh servers for each round, 10 s of warm-up at the rate, then 10 s measured (commands "
                + "`fanout-*-target` above; the rounds alternate ours and nchan, and `before-target`, when present, is an "
                + "earlier build measured in the same rounds). Each row is the median of the rounds.");
        List<List<String>> table = new ArrayList<>();
        for (Map<String, String> r : rows) {
            List<String> cells = new ArrayList<>(List.of(r.get("label")));
            cells.addAll(row(r));
            table.add(cells);
        }
        List<String> headers = new ArrayList<>(List.of("run"));
        headers.addAll(HEADERS);
        md.table(headers, table);
        Map<String, String> ours = rows.stream()
                .filter(r -> r.get("label").startsWith("ours"))
                .findFirst()
                .orElse(null);
        Map<String, String> peer = rows.stream()
                .filter(r -> r.get("label").startsWith("nchan"))
                .findFirst()
                .orElse(null);
        if (ours != null) {
            run.target(
                    "Fan-out p99 at 1k subscribers, 100 events/s",
                    "<= 5 ms",
                    sig(Table.number(ours, "p99_ms")) + " ms (p50 " + sig(Table.number(ours, "p50_ms")) + " ms, "
                            + num(Table.number(ours, "lost_pct"), 1) + "% missing, median of "
                            + ours.getOrDefault("samples", "1")
                            + " round(s))",
                    Table.number(ours, "p99_ms") <= 5);
        }
        Map<String, String> before = rows.stream()
                .filter(r -> r.get("label").startsWith("before"))
                .findFirst()
                .orElse(null);
        if (ours != null && before != null) {
            run.target(
                    "Fan-out at 1k subscribers, 100 events/s, against the build before (same run, `before-target`)",
                    "ratio ours/before (reported)",
                    "p99 " + ratio(Table.number(ours, "p99_ms"), Table.number(before, "p99_ms")) + " ("
                            + sig(Table.number(ours, "p99_ms")) + " vs "
                            + sig(Table.number(before, "p99_ms")) + " ms), server CPU per delivery "
                            + perDelivery(Table.number(ours, "server_cpu_pct"), Table.number(ours, "delivered_per_sec"))
                            + " vs "
                            + perDelivery(
                                    Table.number(before, "server_cpu_pct"), Table.number(before, "delivered_per_sec"))
                            + " us",
                    null);
        }
        if (ours != null && peer != null) {
            double oursP99 = Table.number(ours, "p99_ms");
            double peerP99 = Table.number(peer, "p99_ms");
            run.target(
                    "Fan-out p99 vs nchan at 1k subscribers, 100 events/s",
                    "ours/nchan <= 1.0",
                    ratio(oursP99, peerP99) + " (" + sig(oursP99) + " vs " + sig(peerP99) + " ms)",
                    oursP99 <= peerP99);
            double oursCpu = Table.number(ours, "server_cpu_pct") / Table.number(ours, "delivered_per_sec");
            double peerCpu = Table.number(peer, "server_cpu_pct") / Table.number(peer, "delivered_per_sec");
            run.target(
                    "Server CPU per delivery vs nchan at 1k subscribers, 100 events/s",
                    "ours/nchan <= 1.0",
                    ratio(oursCpu, peerCpu) + " ("
                            + perDelivery(Table.number(ours, "server_cpu_pct"), Table.number(ours, "delivered_per_sec"))
                            + " vs "
                            + perDelivery(Table.number(peer, "server_cpu_pct"), Table.number(peer, "delivered_per_sec"))
                            + " us" + userAndKernel(ours, peer) + "; load client "
                            + perDelivery(Table.number(ours, "client_cpu_pct"), Table.number(ours, "delivered_per_sec"))
                            + " vs "
                            + perDelivery(Table.number(peer, "client_cpu_pct"), Table.number(peer, "delivered_per_sec"))
                            + " us)",
                    oursCpu <= peerCpu);
        }
    }

    private static String kneeText(double rate, double delivered) {
        return delivered > 0 ? num(rate, 0) + " -> " + num(delivered, 0) : "none";
    }

    private static List<Map<String, String>> sorted(Table table) {
        List<Map<String, String>> rows = new ArrayList<>(table.rows());
        rows.sort(Comparator.comparingDouble(r -> Table.number(r, "rate")));
        return rows;
    }

    private static List<String> row(Map<String, String> r) {
        double delivered = Table.number(r, "delivered_per_sec");
        double cpu = Table.number(r, "server_cpu_pct");
        double clientCpu = Table.number(r, "client_cpu_pct");
        return List.of(
                sig(Table.number(r, "rate")),
                num(Table.number(r, "rate") * Table.number(r, "subscribers"), 0),
                r.getOrDefault("samples", "1"),
                sig(Table.number(r, "p50_ms")),
                sig(Table.number(r, "p90_ms")),
                sig(Table.number(r, "p99_ms")),
                sig(Table.number(r, "p99_min_ms")) + "-" + sig(Table.number(r, "p99_max_ms")),
                sig(Table.number(r, "p999_ms")),
                sig(Table.number(r, "max_ms")),
                num(delivered, 0),
                num(Table.number(r, "lost_pct"), 2),
                num(Table.number(r, "gaps"), 0),
                num(cpu, 0),
                perDelivery(cpu, delivered),
                Double.isNaN(clientCpu) ? "-" : num(clientCpu, 0),
                perDelivery(clientCpu, delivered),
                Boolean.parseBoolean(r.get("within_knee")) ? "yes" : "no");
    }

    /**
     * The split of both servers' CPU per delivery into user space and the kernel (system calls, with
     * loopback's delivery to the client inside them): where the difference lies. Empty for runs
     * before the load program recorded the split.
     */
    private static String userAndKernel(Map<String, String> ours, Map<String, String> peer) {
        double oursKernel = Table.number(ours, "server_system_cpu_pct");
        double peerKernel = Table.number(peer, "server_system_cpu_pct");
        if (Double.isNaN(oursKernel) || Double.isNaN(peerKernel)) {
            return "";
        }
        double oursDelivered = Table.number(ours, "delivered_per_sec");
        double peerDelivered = Table.number(peer, "delivered_per_sec");
        return ": user "
                + perDelivery(Table.number(ours, "server_cpu_pct") - oursKernel, oursDelivered)
                + " vs "
                + perDelivery(Table.number(peer, "server_cpu_pct") - peerKernel, peerDelivered)
                + ", kernel "
                + perDelivery(oursKernel, oursDelivered)
                + " vs "
                + perDelivery(peerKernel, peerDelivered)
                + jit(ours);
    }

    /**
     * Our JIT compiler's part, and our CPU per delivery without it: after a warm-up of seconds at 100
     * events/s the JVM is still compiling the code that takes in the publishes (at 100 requests a
     * second it reaches the compiler's thresholds slowly), a cost that ends and that nchan never
     * pays. Empty for runs before the load program recorded it.
     */
    private static String jit(Map<String, String> ours) {
        double jit = Table.number(ours, "server_jit_cpu_pct");
        if (Double.isNaN(jit)) {
            return "";
        }
        double delivered = Table.number(ours, "delivered_per_sec");
        return "; of ours, JIT compilation "
                + perDelivery(jit, delivered)
                + ", ours without it "
                + perDelivery(Table.number(ours, "server_cpu_pct") - jit, delivered);
    }

    /** Microseconds of CPU per delivered message, from a CPU percentage (100 = one core) and deliveries/s. */
    static String perDelivery(double cpuPct, double deliveredPerSec) {
        return deliveredPerSec > 0 && !Double.isNaN(cpuPct) ? num(cpuPct / 100 / deliveredPerSec * 1e6, 2) : "-";
    }

    private static void plot(Plots plots, Markdown md, Table bySubs, String subscribers) throws IOException {
        List<String> series = new ArrayList<>();
        List<String> throughput = new ArrayList<>();
        for (String label : LABELS) {
            List<Map<String, String>> rows = sorted(bySubs.where("label", label));
            if (rows.isEmpty()) {
                continue;
            }
            List<double[]> data = rows.stream()
                    .map(r -> new double[] {
                        Table.number(r, "rate"),
                        Table.number(r, "p50_ms"),
                        Table.number(r, "p99_ms"),
                        Table.number(r, "p999_ms"),
                        Table.number(r, "max_ms"),
                        Table.number(r, "delivered_per_sec"),
                        Table.number(r, "rate") * Table.number(r, "subscribers")
                    })
                    .toList();
            String file = plots.data(
                            "fanout-" + label + "-" + subscribers,
                            "rate p50_ms p99_ms p999_ms max_ms delivered_per_sec owed_per_sec",
                            data)
                    .toString();
            String dash = label.equals("ours") ? "1" : "2";
            series.add(
                    "'" + file + "' using 1:2 with linespoints lc 1 dashtype " + dash + " title '" + label + " p50'");
            series.add(
                    "'" + file + "' using 1:3 with linespoints lc 2 dashtype " + dash + " title '" + label + " p99'");
            series.add(
                    "'" + file + "' using 1:4 with linespoints lc 3 dashtype " + dash + " title '" + label + " p99.9'");
            series.add(
                    "'" + file + "' using 1:5 with linespoints lc 4 dashtype " + dash + " title '" + label + " max'");
            throughput.add("'" + file + "' using 1:6 with linespoints dashtype " + dash + " title '" + label
                    + " delivered/s'");
        }
        String name = "fanout-latency-" + subscribers;
        if (plots.render(
                name,
                "set title 'Publish-to-receive latency, " + subscribers + " subscribers (solid: ours, "
                        + "dashed: nchan)'\nset logscale xy\nset xlabel 'published events/s'\nset ylabel 'latency (ms)'\n"
                        + "set arrow from graph 0, first 50 to graph 1, first 50 nohead dashtype 3 lc rgb 'red'\n"
                        + "plot " + String.join(", \\\n     ", series))) {
            md.paragraph("![Latency percentiles against publish rate, " + subscribers + " subscribers](images/" + name
                    + ".png)");
        }
        String tName = "fanout-delivered-" + subscribers;
        if (plots.render(
                tName,
                "set title 'Delivered messages/s, " + subscribers + " subscribers'\nset logscale xy\n"
                        + "set xlabel 'published events/s'\nset ylabel 'delivered messages/s'\n"
                        + "plot " + subscribers + "*x with lines dashtype 3 lc rgb 'gray' title 'owed', "
                        + String.join(", ", throughput))) {
            md.paragraph("![Delivered messages per second against publish rate, " + subscribers
                    + " subscribers](images/" + tName + ".png)");
        }
    }
}
