package io.incidentstream.benchmarks.report;

import static io.incidentstream.benchmarks.report.Markdown.num;
import static io.incidentstream.benchmarks.report.Markdown.ratio;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Memory of idle connections: ours, ours with permessage-deflate, bare Jetty echo, nginx + nchan. */
final class IdleSection {

    private static final double MB = 1024 * 1024;

    private IdleSection() {}

    /** Memory at N connections, and per connection beyond the same server with none. */
    private record Point(
            int n,
            double heap,
            double rssKb,
            double pssKb,
            double heapPerConn,
            double rssPerConnKb,
            double pssPerConnKb) {}

    private static List<Point> points(Table idle, String label) {
        List<Map<String, String>> rows =
                new ArrayList<>(idle.where("label", label).rows());
        rows.sort(Comparator.comparingDouble(r -> Table.number(r, "connections")));
        List<Point> points = new ArrayList<>();
        if (rows.isEmpty()) {
            return points;
        }
        Map<String, String> base = rows.get(0);
        for (Map<String, String> row : rows) {
            int n = (int) Table.number(row, "connections");
            double heap = Table.number(row, "heap_bytes");
            double rss = Table.number(row, "rss_kb");
            double pss = Table.number(row, "pss_kb");
            double per = n == 0 ? Double.NaN : 1.0 / n;
            points.add(new Point(
                    n,
                    heap,
                    rss,
                    pss,
                    heap < 0 ? Double.NaN : (heap - Table.number(base, "heap_bytes")) * per,
                    (rss - Table.number(base, "rss_kb")) * per,
                    (pss - Table.number(base, "pss_kb")) * per));
        }
        return points;
    }

    static void write(Run run, Plots plots, Markdown md) throws IOException {
        Table idle = run.section(md, "Idle connections: memory", "idle.csv", "idle-connection");
        if (idle.isEmpty()) {
            return;
        }
        md.paragraph("A load client in its own JVM opens N WebSocket connections from source addresses "
                + "127.0.0.2 and up, each subscribed with a typical filter (severities P0+P1, P0..P2, P0..P3 or "
                + "P0..P4 in rotation; on nchan the same severities as multiplexed channels), waits for every "
                + "subscription to be confirmed and 10 s more, then measures the server. Heap: live bytes after a "
                + "full GC (`jcmd <pid> GC.class_histogram`). RSS: `VmRSS` of `/proc/<pid>/status`, read after that "
                + "GC. PSS: `Pss` of `/proc/<pid>/smaps_rollup`, summed over nginx's master and workers (their "
                + "shared memory counted once). Per connection = (value at N - value at 0) / N, that is beyond the "
                + "same server idle. The echo server is bare Jetty 12 on the API our endpoint is built on (Jetty's "
                + "core WebSocket API: the same upgrade handler, a frame handler, the same idle timeout), echoing "
                + "the subscribe message back. It runs on the JVM's default heap sizing, while our server has the "
                + "JVM give free heap back (`HeapReturn`: 10 to 30% free after a full collection, instead of 40 to "
                + "70%), so compare the two on heap; on RSS the echo server is not a like-for-like baseline. "
                + "`ours-deflate`: the client offers permessage-deflate and ours accepts it (its default); the "
                + "other runs offer no extension.");
        run.commands(
                md, "server-ours-idle", "idle-ours", "server-echo", "idle-echo", "server-nchan-idle", "idle-nchan");
        List<Point> ours = points(idle, "ours");
        List<Point> deflate = points(idle, "ours-deflate");
        List<Point> echo = points(idle, "echo");
        List<Point> nchan = points(idle, "nchan");

        List<List<String>> rows = new ArrayList<>();
        for (Point p : ours) {
            Point e = at(echo, p.n());
            Point d = at(deflate, p.n());
            double beyond = e == null ? Double.NaN : p.heapPerConn() - e.heapPerConn();
            rows.add(List.of(
                    num(p.n(), 0),
                    num(p.heap() / MB, 1),
                    num(p.heapPerConn(), 0),
                    d == null ? "-" : num(d.heapPerConn(), 0),
                    e == null ? "-" : num(e.heap() / MB, 1),
                    e == null ? "-" : num(e.heapPerConn(), 0),
                    num(beyond, 0)));
        }
        md.heading(3, "Heap");
        md.table(
                List.of(
                        "connections",
                        "ours heap (MB)",
                        "ours B/conn",
                        "ours-deflate B/conn",
                        "echo heap (MB)",
                        "echo B/conn",
                        "ours beyond bare Jetty (B/conn)"),
                rows);

        rows = new ArrayList<>();
        for (Point p : ours) {
            Point d = at(deflate, p.n());
            Point e = at(echo, p.n());
            Point x = at(nchan, p.n());
            rows.add(List.of(
                    num(p.n(), 0),
                    num(p.rssKb() / 1024, 1),
                    num(p.rssPerConnKb(), 1),
                    num(p.n() == 0 ? Double.NaN : p.rssKb() / p.n(), 1),
                    d == null ? "-" : num(d.rssPerConnKb(), 1),
                    e == null ? "-" : num(e.rssPerConnKb(), 1),
                    x == null ? "-" : num(x.pssKb() / 1024, 1),
                    x == null ? "-" : num(x.pssPerConnKb(), 1),
                    x == null ? "-" : ratio(p.pssPerConnKb(), x.pssPerConnKb())));
        }
        md.heading(3, "Resident memory");
        md.table(
                List.of(
                        "connections",
                        "ours RSS (MB)",
                        "ours KB/conn",
                        "ours RSS/N (KB)",
                        "ours-deflate KB/conn",
                        "echo KB/conn",
                        "nchan PSS (MB)",
                        "nchan KB/conn (PSS)",
                        "ours/nchan per conn (PSS)"),
                rows);

        Point last = ours.isEmpty() ? null : ours.get(ours.size() - 1);
        if (last != null && last.n() > 0) {
            Point e = at(echo, last.n());
            Point x = at(nchan, last.n());
            if (e != null) {
                double beyond = last.heapPerConn() - e.heapPerConn();
                run.target(
                        "Idle heap beyond bare Jetty at " + num(last.n(), 0),
                        "<= 1024 B/conn",
                        num(beyond, 0) + " B/conn (" + num(last.heapPerConn(), 0) + " vs " + num(e.heapPerConn(), 0)
                                + ")",
                        beyond <= 1024);
            }
            run.target(
                    "Idle RSS at " + num(last.n(), 0),
                    "<= 16 KB/conn",
                    num(last.rssPerConnKb(), 1) + " KB/conn beyond idle server (" + num(last.rssKb() / last.n(), 1)
                            + " KB/conn total)",
                    last.rssPerConnKb() <= 16);
            if (x != null) {
                run.target(
                        "Idle memory vs nchan at " + num(last.n(), 0),
                        "ratio ours/peer (reported)",
                        ratio(last.pssPerConnKb(), x.pssPerConnKb()) + " (PSS per connection)",
                        null);
            }
        }
        histograms(run, md, last == null ? 0 : last.n());
        plot(plots, md, ours, deflate, echo, nchan);
    }

    private static Point at(List<Point> points, int n) {
        return points.stream().filter(p -> p.n() == n).findFirst().orElse(null);
    }

    private static void histograms(Run run, Markdown md, int n) throws IOException {
        var paths = new java.util.ArrayList<java.nio.file.Path>();
        for (String label : new String[] {"ours", "echo"}) {
            paths.add(run.file("histograms/" + label + "-0.txt"));
            paths.add(run.file("histograms/" + label + "-" + n + ".txt"));
        }
        if (n > 0 && paths.stream().allMatch(Files::exists)) {
            md.paragraph("What our server keeps per idle connection beyond bare Jetty, by class (live heap: ours at "
                    + num(n, 0) + " minus ours at 0, minus the same for the echo server, divided by " + num(n, 0)
                    + "; negative rows are what the echo server keeps and ours does not):");
            md.code("text", HistogramDiff.beyond(paths.get(0), paths.get(1), paths.get(2), paths.get(3), n, 30));
        }
        for (String label : new String[] {"ours", "echo"}) {
            var before = run.file("histograms/" + label + "-0.txt");
            var after = run.file("histograms/" + label + "-" + n + ".txt");
            if (n > 0 && Files.exists(before) && Files.exists(after)) {
                md.paragraph("What one idle connection adds to the heap of `" + label + "` (class histogram at "
                        + num(n, 0) + " connections minus at 0, divided by " + num(n, 0) + "; top classes):");
                md.code("text", HistogramDiff.diff(before, after, n, 20));
            }
        }
    }

    private static void plot(
            Plots plots, Markdown md, List<Point> ours, List<Point> deflate, List<Point> echo, List<Point> nchan)
            throws IOException {
        String header = "connections heap_MB rss_MB pss_MB";
        List<String> series = new ArrayList<>();
        for (var entry : List.of(
                Map.entry("ours", ours),
                Map.entry("ours-deflate", deflate),
                Map.entry("echo", echo),
                Map.entry("nchan", nchan))) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            List<double[]> rows = entry.getValue().stream()
                    .map(p -> new double[] {
                        p.n(), p.heap() < 0 ? Double.NaN : p.heap() / MB, p.rssKb() / 1024, p.pssKb() / 1024
                    })
                    .toList();
            String file = plots.data("idle-" + entry.getKey(), header, rows).toString();
            if (!entry.getKey().equals("nchan")) {
                series.add("'" + file + "' using 1:2 with linespoints title '" + entry.getKey() + " heap after GC'");
                series.add("'" + file + "' using 1:3 with linespoints dashtype 2 title '" + entry.getKey() + " RSS'");
            } else {
                series.add("'" + file + "' using 1:4 with linespoints dashtype 3 title 'nchan PSS (all processes)'");
            }
        }
        boolean made = plots.render(
                "idle-memory",
                "set title 'Server memory vs idle WebSocket connections'\n"
                        + "set xlabel 'connections'\nset ylabel 'MB'\nplot " + String.join(", \\\n     ", series));
        if (made) {
            md.paragraph("![Server memory against idle connections](images/idle-memory.png)");
        }
    }
}
