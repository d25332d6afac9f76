package io.incidentstream.bootstrap;

/** Reads the Prometheus text of {@code /metrics} the way the tests need it. */
public final class MetricsText {

    private MetricsText() {}

    /**
     * The sum of every series of metric {@code name} whose labels contain {@code labels} (e.g.
     * {@code transport="sse"}); with empty {@code labels}, of every series, a metric without labels
     * included.
     */
    public static double sum(String scrape, String name, String labels) {
        return scrape.lines()
                .filter(line -> (line.startsWith(name + "{") && line.contains(labels))
                        || (labels.isEmpty() && line.startsWith(name + " ")))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
