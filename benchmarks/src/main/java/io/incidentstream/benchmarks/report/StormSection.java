package io.incidentstream.benchmarks.report;

import static io.incidentstream.benchmarks.report.Markdown.num;
import static io.incidentstream.benchmarks.report.Markdown.ratio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reconnect storm (issue 14): N connections opened at once on a fresh server, then left idle.
 * What it cost to open them, and the memory they hold as a user sees it (10 s later, no forced GC)
 * beside the same after a full GC.
 */
final class StormSection {

    private StormSection() {}

    /** One server's storm: opening figures and memory per connection beyond the same server idle. */
    private record Storm(
            String label,
            int n,
            double openSecs,
            double perSec,
            double cpuUsPerConn,
            /** The JIT compiler threads' part of {@code cpuUsPerConn}; NaN for runs before it was recorded. */
            double jitUsPerConn,
            double kbNoGc,
            double kbAfterGc) {}

    static void write(Run run, Markdown md) throws IOException {
        Table table = run.section(
                md, "Reconnect storm: connections opened at once, then idle", "storm.csv", "reconnect-storm");
        if (table.isEmpty()) {
            return;
        }
        md.paragraph("As after a deploy or a node loss, when every client reconnects together: the load client "
                + "opens all connections of the step at once on a fresh server (at most 256 handshakes in flight, "
                + "from 40 source addresses), ours with `welcome`, `subscribe` and `subscribed` on each (one round "
                + "trip more than nchan's subscription by URL), and measures the time to the last confirmed "
                + "subscription and the server's CPU over it. Memory, per connection beyond the same server with "
                + "none: 10 s after the last connection opened, with no forced GC (what `top` shows a user), and, "
                + "for Java servers, after a full GC (`jcmd GC.class_histogram`). Ours is one process (RSS); nchan's "
                + "master and workers share memory, so its figure is their PSS, shared pages counted once, which "
                + "a GC does not change. `ours-sse`: the same clients over `GET /sse`. `echo`: the bare Jetty "
                + "WebSocket echo server (`EchoServer`, on our JVM options), whose clients send the subscribe "
                + "message and wait for it to come back: what Jetty's upgrade and one message each way cost "
                + "with nothing of ours, the floor under ours as long as Jetty carries the connections. Of a "
                + "Java server's CPU, the part its JIT compiler threads spent is shown on its own: a fresh JVM "
                + "compiles the code that opens connections while it opens the first thousands, a cost it pays "
                + "once.");
        run.commands(
                md,
                "server-ours-storm",
                "storm-ours",
                "server-echo-storm",
                "storm-echo",
                "server-nchan-storm",
                "storm-nchan");
        List<Storm> storms = new ArrayList<>();
        for (String label : List.of("ours", "ours-sse", "echo", "nchan")) {
            Storm storm = storm(table, label);
            if (storm != null) {
                storms.add(storm);
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (Storm s : storms) {
            rows.add(List.of(
                    s.label(),
                    num(s.n(), 0),
                    num(s.openSecs(), 2),
                    num(s.perSec(), 0),
                    num(s.cpuUsPerConn(), 0),
                    Double.isNaN(s.jitUsPerConn()) || s.label().equals("nchan") ? "-" : num(s.jitUsPerConn(), 0),
                    num(s.kbNoGc(), 1),
                    Double.isNaN(s.kbAfterGc()) ? "-" : num(s.kbAfterGc(), 1)));
        }
        md.table(
                List.of(
                        "server",
                        "connections",
                        "to the last subscribed (s)",
                        "opened per second",
                        "server CPU per connection (us)",
                        "of it, JIT compilation (us)",
                        "KB/conn, 10 s later, no GC",
                        "KB/conn after a full GC"),
                rows);

        Storm ours = find(storms, "ours");
        Storm nchan = find(storms, "nchan");
        if (ours != null && nchan != null) {
            run.target(
                    "Reconnect storm at " + num(ours.n(), 0) + ": server CPU per connection",
                    "<= nchan's",
                    num(ours.cpuUsPerConn(), 0) + " vs " + num(nchan.cpuUsPerConn(), 0) + " us ("
                            + ratio(ours.cpuUsPerConn(), nchan.cpuUsPerConn()) + ")" + withoutJit(ours, "ours"),
                    ours.cpuUsPerConn() <= nchan.cpuUsPerConn());
            run.target(
                    "Reconnect storm at " + num(ours.n(), 0) + ": opening rate",
                    ">= 0.5x nchan's",
                    num(ours.perSec(), 0) + " vs " + num(nchan.perSec(), 0) + "/s ("
                            + ratio(ours.perSec(), nchan.perSec()) + ")",
                    ours.perSec() >= 0.5 * nchan.perSec());
            Storm echo = find(storms, "echo");
            if (echo != null) {
                run.target(
                        "Reconnect storm at " + num(echo.n(), 0) + ": the bare Jetty echo server, the floor under ours",
                        "ratio echo/nchan (reported)",
                        num(echo.cpuUsPerConn(), 0) + " us per connection ("
                                + ratio(echo.cpuUsPerConn(), nchan.cpuUsPerConn())
                                + " nchan's; ours " + ratio(ours.cpuUsPerConn(), echo.cpuUsPerConn()) + " echo's)"
                                + withoutJit(echo, "echo") + "; " + num(echo.perSec(), 0) + "/s ("
                                + ratio(echo.perSec(), nchan.perSec()) + " nchan's rate)",
                        null);
            }
            run.target(
                    "Idle memory 10 s after the storm, no forced GC",
                    "<= nchan's per connection",
                    num(ours.kbNoGc(), 1) + " vs " + num(nchan.kbNoGc(), 1) + " KB ("
                            + ratio(ours.kbNoGc(), nchan.kbNoGc()) + ")",
                    ours.kbNoGc() <= nchan.kbNoGc());
            run.target(
                    "Idle memory after the storm, after a full GC",
                    "<= nchan's per connection",
                    num(ours.kbAfterGc(), 1) + " vs " + num(nchan.kbNoGc(), 1) + " KB ("
                            + ratio(ours.kbAfterGc(), nchan.kbNoGc()) + ")",
                    ours.kbAfterGc() <= nchan.kbNoGc());
        }
    }

    /** A Java server's JIT compiler part, and its CPU per connection without it; empty for runs before it was recorded. */
    private static String withoutJit(Storm java, String name) {
        if (Double.isNaN(java.jitUsPerConn())) {
            return "";
        }
        return "; of " + name + ", JIT compilation " + num(java.jitUsPerConn(), 0) + " us, " + name + " without it "
                + num(java.cpuUsPerConn() - java.jitUsPerConn(), 0) + " us";
    }

    private static Storm find(List<Storm> storms, String label) {
        return storms.stream().filter(s -> s.label().equals(label)).findFirst().orElse(null);
    }

    private static Storm storm(Table table, String label) {
        List<Map<String, String>> rows =
                new ArrayList<>(table.where("label", label).rows());
        if (rows.size() < 2) {
            return null;
        }
        rows.sort(java.util.Comparator.comparingDouble(r -> Table.number(r, "connections")));
        Map<String, String> idle = rows.get(0);
        Map<String, String> full = rows.get(rows.size() - 1);
        int n = (int) Table.number(full, "connections");
        boolean nchan = "nchan".equals(full.get("target"));
        // nchan: PSS (master and workers share pages); a Java server: RSS, read before and after its full GC.
        String noGc = nchan ? "pss_kb" : "rss_before_gc_kb";
        double kbNoGc = (Table.number(full, noGc) - Table.number(idle, noGc)) / n;
        double kbAfterGc = nchan ? Double.NaN : (Table.number(full, "rss_kb") - Table.number(idle, "rss_kb")) / n;
        return new Storm(
                label,
                n,
                Table.number(full, "open_secs"),
                Table.number(full, "open_per_sec"),
                Table.number(full, "open_cpu_us_per_conn"),
                Table.number(full, "open_jit_us_per_conn"),
                kbNoGc,
                kbAfterGc);
    }
}
