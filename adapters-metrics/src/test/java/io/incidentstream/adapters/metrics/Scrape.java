package io.incidentstream.adapters.metrics;

import java.util.List;
import java.util.stream.Collectors;

/** Reads sample values and type lines out of a Prometheus text scrape, as a scraper would see them. */
final class Scrape {

    private final String text;

    Scrape(String text) {
        this.text = text;
    }

    /** The value of one series, e.g. {@code websocket_events_dropped_total{priority="low"}}. */
    double value(String series) {
        return text.lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line ->
                        Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no series " + series + " in scrape:\n" + text));
    }

    /** Every {@code # TYPE name type} line, in scrape order. */
    List<String> typeLines() {
        return text.lines().filter(line -> line.startsWith("# TYPE ")).collect(Collectors.toList());
    }

    /** The {@code le} label of every bucket of a histogram, in scrape order. */
    List<String> bucketBounds(String histogram) {
        return bucketBounds(histogram, null);
    }

    /** The same, for the series of one {@code transport} when the histogram is labelled by it. */
    List<String> bucketBounds(String histogram, String transport) {
        String prefix =
                histogram + "_bucket{" + (transport == null ? "" : "transport=\"" + transport + "\",") + "le=\"";
        return text.lines()
                .filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length(), line.indexOf('"', prefix.length())))
                .collect(Collectors.toList());
    }
}
