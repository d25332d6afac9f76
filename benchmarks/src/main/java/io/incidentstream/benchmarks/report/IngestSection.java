package io.incidentstream.benchmarks.report;

import static io.incidentstream.benchmarks.report.Markdown.num;
import static io.incidentstream.benchmarks.report.Markdown.ratio;
import static io.incidentstream.benchmarks.report.Markdown.sig;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Ingest throughput over HTTP keep-alive, start-up time and jar size. */
final class IngestSection {

    private IngestSection() {}

    static void write(Run run, Markdown md) throws IOException {
        Table ingest = run.section(md, "Ingest over HTTP", "ingest.csv", "ingest");
        if (!ingest.isEmpty()) {
            md.paragraph("Closed loop: each of the client's keep-alive connections posts its next request as soon as "
                    + "the previous one is answered, for 10 s after 15 s of warm-up, with no subscriber connected. "
                    + "Single: one alert_received event per request (the fan-out workload's event). Batched: a JSON "
                    + "array of 100 of them per request (all-or-nothing). nchan has no batch publish: one message per "
                    + "request. Accepted = answered 2xx; 503s (dispatch queue full) are counted as refused.");
            run.commands(md, "server-ours-ingest", "ingest-", "server-nchan-ingest");
            List<List<String>> rows = new ArrayList<>();
            for (Map<String, String> r : ingest.rows()) {
                rows.add(List.of(
                        r.get("label"),
                        r.get("batch"),
                        r.get("connections"),
                        num(Table.number(r, "events_per_sec"), 0),
                        num(Table.number(r, "requests_per_sec"), 0),
                        sig(Table.number(r, "p50_ms")),
                        sig(Table.number(r, "p99_ms")),
                        r.get("rejected"),
                        r.get("errors"),
                        num(Table.number(r, "server_cpu_pct"), 0)));
            }
            md.table(
                    List.of(
                            "run",
                            "events/request",
                            "connections",
                            "events/s accepted",
                            "requests/s",
                            "p50 ms",
                            "p99 ms",
                            "refused",
                            "errors",
                            "server CPU %"),
                    rows);
            double ours = value(ingest, "ours-single");
            double batch = value(ingest, "ours-batch");
            double nchan = value(ingest, "nchan-single");
            run.target(
                    "Ingest, one event per request",
                    "ratio ours/nchan (reported)",
                    ratio(ours, nchan) + " (" + num(ours, 0) + " vs " + num(nchan, 0) + " events/s)",
                    null);
            run.target(
                    "Ingest, batches of 100",
                    "ratio ours/nchan single (reported)",
                    ratio(batch, nchan) + " (" + num(batch, 0) + " events/s)",
                    null);
        }
        startup(run, md);
    }

    private static double value(Table ingest, String label) {
        return ingest.where("label", label).rows().stream()
                .mapToDouble(r -> Table.number(r, "events_per_sec"))
                .findFirst()
                .orElse(Double.NaN);
    }

    private static void startup(Run run, Markdown md) throws IOException {
        md.heading(2, "Start-up and jar size");
        Table all = Table.read(run.file("startup.csv"));
        Table startup = all.where("label", "ours");
        Table echo = all.where("label", "echo");
        Table archived = all.where("label", "ours-cds");
        if (!startup.isEmpty()) {
            double[] times = sorted(startup, "ready_ms");
            double median = times[times.length / 2];
            double rss = sorted(startup, "rss_at_ready_kb")[times.length / 2];
            md.paragraph("From starting `java -jar` (default JVM options) to the first `200` from `/health/ready`, "
                    + "polled every millisecond; " + times.length + " runs. Median **" + num(median, 0) + " ms** "
                    + "(fastest " + num(times[0], 0) + ", slowest " + num(times[times.length - 1], 0) + "); runs: "
                    + list(times) + " ms. RSS when "
                    + "ready (median): " + num(rss / 1024, 0) + " MB.");
            if (!echo.isEmpty()) {
                double[] bare = sorted(echo, "ready_ms");
                md.paragraph("For scale, the bare Jetty echo server of the idle benchmark (same JVM, same Jetty) "
                        + "answers its first HTTP request after a median of " + num(bare[bare.length / 2], 0)
                        + " ms (" + bare.length + " runs): that much of the start-up is the JVM and Jetty alone.");
            }
            double[] withArchive = sorted(archived, "ready_ms");
            if (withArchive.length > 0) {
                md.paragraph("With a class-data archive of the same jar, made by `scripts/class-archive.sh` as "
                        + "[operations.md](operations.md#a-faster-start) describes, and `-XX:SharedArchiveFile`: "
                        + "median **" + num(withArchive[withArchive.length / 2], 0) + " ms** (" + withArchive.length
                        + " runs: " + list(withArchive) + " ms). The JVM maps the classes, already parsed and "
                        + "verified, instead of loading them from the jar.");
            }
            double[] recommended = sorted(all.where("label", "ours-recommended"), "ready_ms");
            if (recommended.length > 0) {
                md.paragraph("With the archive and the JVM options [operations.md](operations.md#the-jvm) recommends "
                        + "for two cores (those every other step of this page runs our server with): median **"
                        + num(recommended[recommended.length / 2], 0) + " ms** (" + recommended.length + " runs: "
                        + list(recommended) + " ms).");
            }
            run.commands(md, "startup");
            startupTarget(run, "Start-up (java -jar to ready)", times);
            startupTarget(
                    run,
                    "Start-up with the class-data archive of scripts/class-archive.sh (reported beside the row above)",
                    withArchive);
            startupTarget(
                    run,
                    "Start-up with the archive and the JVM options of operations.md (reported beside the rows above)",
                    recommended);
        }
        if (Files.exists(run.file("jar.txt"))) {
            long bytes = Long.parseLong(Files.readString(run.file("jar.txt")).trim());
            md.paragraph("`bootstrap/target/incident-stream.jar`: **" + num(bytes / 1024.0 / 1024.0, 1) + " MB** ("
                    + num(bytes, 0)
                    + " bytes), everything included (Jetty, Jackson, Micrometer, Logback, Dagger runtime).");
            run.target("Jar size", "-", num(bytes / 1024.0 / 1024.0, 1) + " MB", null);
        }
    }

    /** A start-up row of the targets table (under 1 s), if that way of starting was measured. */
    private static void startupTarget(Run run, String what, double[] sortedTimes) {
        if (sortedTimes.length > 0) {
            double median = sortedTimes[sortedTimes.length / 2];
            run.target(what, "< 1000 ms", num(median, 0) + " ms median", median < 1000);
        }
    }

    /** One column of a table's rows, sorted: its median is the middle. */
    private static double[] sorted(Table table, String column) {
        return table.rows().stream()
                .mapToDouble(r -> Table.number(r, column))
                .sorted()
                .toArray();
    }

    private static String list(double[] millis) {
        return String.join(", ", Arrays.stream(millis).mapToObj(t -> num(t, 0)).toList());
    }
}
