package io.incidentstream.benchmarks.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collapses repeated samples of one fan-out step (same label, subscriber count and rate) into one
 * row of medians, so that a single hiccup of a shared machine does not decide a figure. Each numeric
 * column is the median of its own values; {@code within_knee} is the median sample's by p99 (the
 * one the load program steps on). Added columns: {@code samples}, {@code p99_min_ms} and
 * {@code p99_max_ms}, so the spread stays visible. Rows of older runs (one sample each) pass through.
 */
final class Medians {

    private Medians() {}

    static List<Map<String, String>> of(List<Map<String, String>> rows) {
        Map<String, List<Map<String, String>>> groups = new LinkedHashMap<>();
        for (Map<String, String> row : rows) {
            String key = row.get("label") + "|" + row.get("subscribers") + "|" + Table.number(row, "rate");
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        List<Map<String, String>> medians = new ArrayList<>();
        for (List<Map<String, String>> group : groups.values()) {
            medians.add(medianRow(group));
        }
        return medians;
    }

    private static Map<String, String> medianRow(List<Map<String, String>> group) {
        List<Map<String, String>> byP99 = new ArrayList<>(group);
        byP99.sort(Comparator.comparingDouble(r -> Table.number(r, "p99_ms")));
        Map<String, String> middle = byP99.get(byP99.size() / 2);
        Map<String, String> result = new LinkedHashMap<>(middle);
        for (String column : middle.keySet()) {
            if (column.equals("label")
                    || column.equals("target")
                    || column.equals("within_knee")
                    || column.equals("sample")) {
                continue;
            }
            List<Double> values = new ArrayList<>();
            for (Map<String, String> row : group) {
                double v = Table.number(row, column);
                if (!Double.isNaN(v)) {
                    values.add(v);
                }
            }
            // Identical values (the subscriber count, the rate) keep their text,
            // so names built from them do not change.
            if (values.size() == group.size() && values.stream().distinct().count() > 1) {
                result.put(column, String.valueOf(median(values)));
            }
        }
        result.put("samples", String.valueOf(group.size()));
        result.put("p99_min_ms", byP99.get(0).get("p99_ms"));
        result.put("p99_max_ms", byP99.get(byP99.size() - 1).get("p99_ms"));
        return result;
    }

    /** The median of the values (the mean of the middle two for an even count). */
    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
