package io.incidentstream.benchmarks.report;

import static io.incidentstream.benchmarks.report.Markdown.num;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bytes the whole server allocates per delivery at the target workload ({@code allocation.sh}), with
 * distinct subscription ids per connection and with one shared id; medians of the rounds.
 */
final class AllocationSection {

    /** Issue 14's goal, on the whole path from router to socket write. */
    static final double TARGET_BYTES = 64;

    private AllocationSection() {}

    static void write(Run run, Markdown md) throws IOException {
        Table table = run.section(md, "Allocation per delivery", "allocation.csv", "allocation");
        if (table.isEmpty()) {
            return;
        }
        md.paragraph("Everything the server allocates while it serves the target workload (1,000 subscribers, "
                + "100 events/s, 10 s after 10 s of warm-up: the publisher's requests, routing, queues, frames and "
                + "writes), divided by the deliveries. Read with `jstat` from the young generation's collections "
                + "and eden's use at the start and end of the measured step (serial collector, `-Xmn32m`, as "
                + "recommended): no agent, no sampling. Each round runs fresh servers, builds alternating.");
        run.commands(md, "allocation");
        // By (build, subscription ids), in the order the rounds ran.
        Map<List<String>, List<Double>> byRun = new LinkedHashMap<>();
        for (Map<String, String> r : table.rows()) {
            byRun.computeIfAbsent(List.of(r.get("build"), r.get("ids")), k -> new ArrayList<>())
                    .add(Table.number(r, "bytes_per_delivery"));
        }
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<List<String>, List<Double>> e : byRun.entrySet()) {
            rows.add(List.of(
                    e.getKey().get(0),
                    e.getKey().get(1),
                    String.valueOf(e.getValue().size()),
                    num(Medians.median(e.getValue()), 1),
                    String.join(", ", e.getValue().stream().map(v -> num(v, 1)).toList())));
        }
        md.table(List.of("build", "subscription ids", "rounds", "bytes per delivery (median)", "each round"), rows);

        List<Double> distinct = byRun.get(List.of("ours", "distinct"));
        List<Double> shared = byRun.get(List.of("ours", "shared"));
        if (distinct != null && shared != null) {
            double d = Medians.median(distinct);
            double s = Medians.median(shared);
            run.target(
                    "Allocation per delivery, 1k subscribers at 100 events/s",
                    "<= " + num(TARGET_BYTES, 0) + " B, distinct and shared ids",
                    num(d, 1) + " B distinct, " + num(s, 1) + " B shared",
                    d <= TARGET_BYTES && s <= TARGET_BYTES);
        }
    }
}
