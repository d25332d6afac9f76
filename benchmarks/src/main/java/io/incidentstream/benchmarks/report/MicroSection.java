package io.incidentstream.benchmarks.report;

import static io.incidentstream.benchmarks.report.Markdown.num;
import static io.incidentstream.benchmarks.report.Markdown.sig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** JMH results: filter evaluation, routing at 1% and 100% matching, encoding an event frame. */
final class MicroSection {

    private static final String[] FILTERS = {"SEVERITIES_LABELS", "INCIDENT_IDS", "EVENT_TYPES"};
    private static final String[] FAMILIES = {"INCIDENT", "ESCALATED", "LINKED", "ALERT", "SYSTEM"};
    private static final String[] KINDS = {"INCIDENT_IDS", "SEVERITIES", "LABELS"};

    private MicroSection() {}

    static void write(Run run, Jmh jmh, Markdown md) {
        md.heading(2, "Micro-benchmarks (JMH)");
        if (jmh.isEmpty()) {
            md.paragraph("No JMH results in this run.");
            return;
        }
        md.paragraph("Each figure is the median of the measurement iterations of one fork (see the command); "
                + "`B/op` is JMH's `gc.alloc.rate.norm` (bytes allocated per operation) from `-prof gc`.");
        run.commands(md, "jmh");
        filters(run, jmh, md);
        routing(run, jmh, md);
        encoding(jmh, md);
        deliveryMetrics(jmh, md);
    }

    private static void filters(Run run, Jmh jmh, Markdown md) {
        md.heading(3, "Filter evaluation");
        md.paragraph("`Filter.matches(attributes)` for one subscription against one event's attributes (resolved "
                + "at admission, as the router sees them). Cells: median ns/op (B/op). Families: `INCIDENT` "
                + "= incident_updated (before and after), `ESCALATED` (known incident, old and new severity), "
                + "`LINKED` = comment_added (the known incident), `ALERT` = alert_received, `SYSTEM` = system_event.");
        List<String> header = new ArrayList<>(List.of("filter"));
        header.addAll(List.of(FAMILIES));
        List<List<String>> rows = new ArrayList<>();
        double worst = 0;
        double worstAlloc = 0;
        for (String filter : FILTERS) {
            List<String> row = new ArrayList<>(List.of("`" + filter.toLowerCase() + "`"));
            for (String family : FAMILIES) {
                Optional<Jmh.Result> r = jmh.find("FilterBenchmark.matches", "filter=" + filter, "family=" + family);
                row.add(r.map(x -> num(x.median(), 1) + " (" + num(x.bytesPerOp(), 0) + ")")
                        .orElse("-"));
                if (r.isPresent()) {
                    worst = Math.max(worst, r.get().median());
                    worstAlloc = Math.max(worstAlloc, r.get().bytesPerOp());
                }
            }
            rows.add(row);
        }
        md.table(header, rows);
        run.target("Filter evaluation", "median <= 100 ns", "slowest case " + num(worst, 1) + " ns", worst <= 100);
        run.target("Filter evaluation allocation", "0 B/op", "at most " + num(worstAlloc, 2) + " B/op", worstAlloc < 1);
    }

    private static void routing(Run run, Jmh jmh, Markdown md) {
        md.heading(3, "Routing one event");
        md.paragraph("`EventRouter.route` of one incident_updated event (a P1 payments incident) over N sessions with "
                + "one subscription each; 1% or 100% of them match, the match made by one filter key. The sink "
                + "counts and keeps the id list it is handed (as a session keeps it in the message it queues), so "
                + "this is the index and router alone. The allocation columns divide B/op by the sessions the "
                + "event reached.");
        List<List<String>> rows = new ArrayList<>();
        for (String kind : KINDS) {
            for (String subs : new String[] {"10000", "100000"}) {
                Optional<Jmh.Result> one =
                        jmh.find("RoutingBenchmark.route", "kind=" + kind, "subscriptions=" + subs, "matchPercent=1");
                Optional<Jmh.Result> all =
                        jmh.find("RoutingBenchmark.route", "kind=" + kind, "subscriptions=" + subs, "matchPercent=100");
                if (one.isEmpty() || all.isEmpty()) {
                    continue;
                }
                int n = Integer.parseInt(subs);
                double ratio = 100 * one.get().median() / all.get().median();
                rows.add(List.of(
                        "`" + kind.toLowerCase() + "`",
                        num(n, 0),
                        sig(one.get().median()),
                        sig(all.get().median()),
                        num(ratio, 2) + "%",
                        num(one.get().bytesPerOp() / Math.max(1, n / 100), 1),
                        num(all.get().bytesPerOp() / n, 1)));
                if (n == 100000) {
                    boolean targeted = !kind.equals("LABELS");
                    run.target(
                            "Routing 1% vs 100% over 100k (" + kind.toLowerCase() + ")",
                            targeted ? "<= 5%" : "-",
                            num(ratio, 2) + "% (" + sig(one.get().median()) + " vs "
                                    + sig(all.get().median()) + " us)",
                            targeted ? ratio <= 5 : null);
                    if (kind.equals("SEVERITIES")) {
                        run.target(
                                "Routing-path allocation",
                                "0 B per recipient",
                                num(all.get().bytesPerOp() / n, 1) + " B per recipient",
                                all.get().bytesPerOp() / n < 1);
                    }
                }
            }
        }
        md.table(
                List.of(
                        "1% made by",
                        "subscriptions",
                        "1% match (us/op)",
                        "100% match (us/op)",
                        "1% / 100%",
                        "B per recipient (1%)",
                        "B per recipient (100%)"),
                rows);
    }

    private static void encoding(Jmh jmh, Markdown md) {
        md.heading(3, "Encoding an event frame");
        md.paragraph("`encodeEvent`: the JSON of the event frame up to `\"subscription_ids\":`, once per event "
                + "whatever the number of recipients. `completeFrame`: the frame for one session whose subscription "
                + "ids differ from the previous recipient's (a byte copy of the encoded event plus its ids), "
                + "`completeFrameSameIds`: for one with the same ids (the previous frame is reused).");
        List<List<String>> rows = new ArrayList<>();
        for (String family : new String[] {"INCIDENT", "ALERT"}) {
            Optional<Jmh.Result> encode = jmh.find("EncodingBenchmark.encodeEvent", "family=" + family);
            Optional<Jmh.Result> complete = jmh.find("EncodingBenchmark.completeFrame", "family=" + family);
            Optional<Jmh.Result> same = jmh.find("EncodingBenchmark.completeFrameSameIds", "family=" + family);
            rows.add(List.of(
                    family.toLowerCase(),
                    encode.map(r -> sig(r.median())).orElse("-"),
                    encode.map(r -> num(r.bytesPerOp(), 0)).orElse("-"),
                    complete.map(r -> sig(r.median())).orElse("-"),
                    complete.map(r -> num(r.bytesPerOp(), 0)).orElse("-"),
                    same.map(r -> sig(r.median())).orElse("-"),
                    same.map(r -> num(r.bytesPerOp(), 0)).orElse("-")));
        }
        md.table(
                List.of(
                        "event",
                        "encodeEvent (ns/op)",
                        "B/op",
                        "completeFrame (ns/op)",
                        "B/op",
                        "completeFrameSameIds (ns/op)",
                        "B/op"),
                rows);
    }

    private static void deliveryMetrics(Jmh jmh, Markdown md) {
        md.heading(3, "Metrics recorded per delivery");
        md.paragraph("What every delivery records: a frame counted, a delivery counted, its publish-to-written latency "
                + "in the `websocket_message_latency_seconds` histogram; with one writer thread, and two recording "
                + "at once (ns/op is then per thread). `micrometer`: the same three records with Micrometer's counters "
                + "and `Timer`, as the server made them before, measured in the same run.");
        List<List<String>> rows = new ArrayList<>();
        for (String threads : new String[] {"", "TwoWriters"}) {
            Optional<Jmh.Result> ours = jmh.find("DeliveryMetricsBenchmark.ours" + threads);
            Optional<Jmh.Result> before = jmh.find("DeliveryMetricsBenchmark.micrometer" + threads);
            rows.add(List.of(
                    threads.isEmpty() ? "one" : "two",
                    ours.map(r -> sig(r.median())).orElse("-"),
                    ours.map(r -> num(r.bytesPerOp(), 0)).orElse("-"),
                    before.map(r -> sig(r.median())).orElse("-"),
                    ours.isPresent() && before.isPresent()
                            ? num(ours.get().median() / before.get().median(), 2) + "x"
                            : "-"));
        }
        md.table(List.of("writer threads", "ours (ns/op)", "B/op", "micrometer (ns/op)", "ours/micrometer"), rows);
    }
}
