package io.incidentstream.benchmarks.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --key value} command-line flags of the load programs, with defaults and a clear error for unknown keys. */
public final class Args {

    private final Map<String, String> values = new HashMap<>();
    private final Map<String, Boolean> used = new HashMap<>();

    private Args() {}

    public static Args parse(String[] args) {
        Args parsed = new Args();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --key value pairs, got '" + args[i] + "'");
            }
            parsed.values.put(args[i].substring(2), args[++i]);
        }
        return parsed;
    }

    public String text(String key, String fallback) {
        used.put(key, true);
        return values.getOrDefault(key, fallback);
    }

    public String required(String key) {
        String value = text(key, null);
        if (value == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return value;
    }

    public int integer(String key, int fallback) {
        return Integer.parseInt(text(key, String.valueOf(fallback)));
    }

    public long number(String key, long fallback) {
        return Long.parseLong(text(key, String.valueOf(fallback)));
    }

    public double decimal(String key, double fallback) {
        return Double.parseDouble(text(key, String.valueOf(fallback)));
    }

    public boolean flag(String key, boolean fallback) {
        return Boolean.parseBoolean(text(key, String.valueOf(fallback)));
    }

    /** A comma-separated list of numbers, such as {@code --steps 1000,5000,10000}. */
    public List<Double> decimals(String key, String fallback) {
        List<Double> list = new ArrayList<>();
        for (String part : text(key, fallback).split(",")) {
            if (!part.isBlank()) {
                list.add(Double.parseDouble(part.trim()));
            }
        }
        return list;
    }

    /** Fails on flags no program option read: a typo must not silently run the default workload. */
    public void checkAllUsed() {
        for (String key : values.keySet()) {
            if (!used.containsKey(key)) {
                throw new IllegalArgumentException("unknown flag --" + key);
            }
        }
    }
}
