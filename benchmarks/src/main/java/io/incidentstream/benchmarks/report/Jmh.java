package io.incidentstream.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.codec.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JMH's JSON results: per benchmark and parameter set, the median of the measurement iterations
 * (on a noisy machine the median resists the odd disturbed iteration better than the mean) and
 * the bytes allocated per operation from {@code -prof gc}.
 */
public final class Jmh {

    /** One benchmark with one set of parameters. */
    public record Result(
            String benchmark,
            Map<String, String> params,
            double median,
            double min,
            double max,
            String unit,
            double bytesPerOp,
            int iterations) {}

    private final List<Result> results;

    private Jmh(List<Result> results) {
        this.results = results;
    }

    public static Jmh read(Path file) throws IOException {
        List<Result> results = new ArrayList<>();
        if (!Files.exists(file)) {
            return new Jmh(results);
        }
        for (JsonNode node : Json.parse(Files.readAllBytes(file))) {
            String name = node.get("benchmark").asText();
            Map<String, String> params = new LinkedHashMap<>();
            if (node.has("params")) {
                node.get("params")
                        .properties()
                        .forEach(e -> params.put(e.getKey(), e.getValue().asText()));
            }
            JsonNode primary = node.get("primaryMetric");
            List<Double> raw = new ArrayList<>();
            primary.get("rawData").forEach(fork -> fork.forEach(v -> raw.add(v.asDouble())));
            double[] values =
                    raw.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            JsonNode alloc =
                    node.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score");
            results.add(new Result(
                    name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                    params,
                    median(values),
                    values.length == 0 ? Double.NaN : values[0],
                    values.length == 0 ? Double.NaN : values[values.length - 1],
                    primary.get("scoreUnit").asText(),
                    alloc.isMissingNode() ? Double.NaN : alloc.asDouble(),
                    values.length));
        }
        return new Jmh(results);
    }

    private static double median(double[] sorted) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public boolean isEmpty() {
        return results.isEmpty();
    }

    /** The result of {@code benchmark} (Class.method) whose parameters include all of {@code params} (name=value). */
    public Optional<Result> find(String benchmark, String... params) {
        return results.stream()
                .filter(r -> r.benchmark().equals(benchmark))
                .filter(r -> Arrays.stream(params).allMatch(p -> {
                    String[] kv = p.split("=", 2);
                    return kv[1].equals(r.params().get(kv[0]));
                }))
                .findFirst();
    }

    public List<Result> all(String benchmark) {
        return results.stream().filter(r -> r.benchmark().equals(benchmark)).toList();
    }
}
