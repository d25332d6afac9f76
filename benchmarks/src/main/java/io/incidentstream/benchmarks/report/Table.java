package io.incidentstream.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The rows of a results CSV file (header first), as maps from column to text; empty when the file is missing. */
public final class Table {

    private final List<Map<String, String>> rows;

    private Table(List<Map<String, String>> rows) {
        this.rows = rows;
    }

    public static Table read(Path file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return new Table(rows);
        }
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            return new Table(rows);
        }
        String[] header = lines.get(0).split(",");
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank() || line.equals(lines.get(0))) {
                continue;
            }
            String[] cells = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length && i < cells.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return new Table(rows);
    }

    /** A table of rows already read (such as the medians of repeated samples). */
    public static Table of(List<Map<String, String>> rows) {
        return new Table(rows);
    }

    public List<Map<String, String>> rows() {
        return rows;
    }

    public Table where(String column, String value) {
        return where(row -> value.equals(row.get(column)));
    }

    public Table where(Predicate<Map<String, String>> predicate) {
        return new Table(rows.stream().filter(predicate).toList());
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public static double number(Map<String, String> row, String column) {
        String text = row.get(column);
        return text == null || text.isBlank() ? Double.NaN : Double.parseDouble(text);
    }
}
