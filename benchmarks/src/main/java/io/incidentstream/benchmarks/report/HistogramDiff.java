package io.incidentstream.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What one idle connection costs in the heap, by class: the difference between two class
 * histograms ({@code jcmd GC.class_histogram}, live objects) taken at two connection counts,
 * divided by the connections added.
 *
 * <pre>java -cp benchmarks.jar io.incidentstream.benchmarks.report.HistogramDiff ours-0.txt ours-19000.txt 19000</pre>
 */
public final class HistogramDiff {

    private HistogramDiff() {}

    public static void main(String[] args) throws IOException {
        System.out.print(diff(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]), 25));
    }

    /** The top classes by bytes added per connection, as text. */
    public static String diff(Path before, Path after, int connections, int top) throws IOException {
        return format(delta(before, after), connections, top);
    }

    /**
     * What server A adds per connection beyond server B, by class: (A after - A before) - (B after -
     * B before), per connection. Negative rows are classes B spends more on.
     */
    public static String beyond(Path beforeA, Path afterA, Path beforeB, Path afterB, int connections, int top)
            throws IOException {
        Map<String, long[]> a = delta(beforeA, afterA);
        Map<String, long[]> b = delta(beforeB, afterB);
        Map<String, long[]> difference = new HashMap<>(a);
        b.forEach((name, cells) -> difference.merge(
                name, new long[] {-cells[0], -cells[1]}, (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]}));
        return format(difference, connections, top);
    }

    private static Map<String, long[]> delta(Path before, Path after) throws IOException {
        Map<String, long[]> from = read(before);
        Map<String, long[]> to = read(after);
        Map<String, long[]> delta = new HashMap<>();
        to.forEach((name, cells) -> {
            long[] was = from.getOrDefault(name, new long[2]);
            delta.put(name, new long[] {cells[0] - was[0], cells[1] - was[1]});
        });
        from.forEach((name, cells) -> delta.putIfAbsent(name, new long[] {-cells[0], -cells[1]}));
        return delta;
    }

    private static String format(Map<String, long[]> delta, int connections, int top) {
        long totalBytes = delta.values().stream().mapToLong(c -> c[1]).sum();
        StringBuilder out =
                new StringBuilder(String.format("%-70s %12s %12s%n", "class", "objects/conn", "bytes/conn"));
        delta.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(top)
                .forEach(e -> out.append(String.format(
                        "%-70s %12.2f %12.1f%n",
                        shorten(e.getKey()),
                        (double) e.getValue()[0] / connections,
                        (double) e.getValue()[1] / connections)));
        out.append(String.format("%-70s %12s %12.1f%n", "all classes", "", (double) totalBytes / connections));
        return out.toString();
    }

    private static String shorten(String name) {
        return name.length() <= 70 ? name : "..." + name.substring(name.length() - 67);
    }

    /** class name -> {instances, bytes}. */
    private static Map<String, long[]> read(Path histogram) throws IOException {
        Map<String, long[]> classes = new HashMap<>();
        for (String line : Files.readAllLines(histogram)) {
            String[] cells = line.trim().split("\\s+");
            // "  12:   3456   789012  java.lang.String (java.base@17)"
            if (cells.length >= 4 && cells[0].endsWith(":")) {
                classes.merge(cells[3], new long[] {Long.parseLong(cells[1]), Long.parseLong(cells[2])}, (a, b) ->
                        new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        return classes;
    }
}
