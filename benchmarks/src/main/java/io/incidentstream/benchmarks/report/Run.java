package io.incidentstream.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of {@code benchmarks/run.sh}: its results directory, the exact commands it ran (by step
 * id, from {@code commands.tsv}), and the targets table the sections fill in as they go.
 */
public final class Run {

    private final Path dir;
    private final Map<String, String> commands = new LinkedHashMap<>();
    private final List<List<String>> targets = new ArrayList<>();

    public Run(Path dir) throws IOException {
        this.dir = dir;
        Path file = dir.resolve("commands.tsv");
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    commands.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        }
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /**
     * Starts a section of figures: its heading, then the results it shows, read from {@code csv}. A run
     * without them gets a line saying so ("No {@code what} results in this run.") and an empty table.
     */
    public Table section(Markdown md, String heading, String csv, String what) throws IOException {
        md.heading(2, heading);
        Table results = Table.read(file(csv));
        if (results.isEmpty()) {
            md.paragraph("No " + what + " results in this run.");
        }
        return results;
    }

    /** Adds a row to the targets table; {@code met} null means "reported, no target". */
    public void target(String what, String target, String measured, Boolean met) {
        targets.add(List.of(what, target, measured, met == null ? "reported" : Markdown.verdict(met)));
    }

    /** Adds a row to the targets table with a verdict of its own (such as "not measurable"). */
    public void targetWithVerdict(String what, String target, String measured, String verdict) {
        targets.add(List.of(what, target, measured, verdict));
    }

    public List<List<String>> targets() {
        return targets;
    }

    /** The commands whose step id starts with any of {@code prefixes}, in the order they ran, as a code block. */
    public void commands(Markdown md, String... prefixes) {
        StringBuilder text = new StringBuilder();
        commands.forEach((id, command) -> {
            for (String prefix : prefixes) {
                if (id.startsWith(prefix)) {
                    text.append("# ").append(id).append('\n').append(command).append('\n');
                    return;
                }
            }
        });
        if (text.length() > 0) {
            md.code("sh", text.toString());
        }
    }
}
