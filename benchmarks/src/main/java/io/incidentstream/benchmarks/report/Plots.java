package io.incidentstream.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Gnuplot charts: each plot is a script plus its data files in the results directory, rendered to
 * a PNG in {@code docs/images}. Scripts stay in the results so a chart can be re-rendered or tweaked.
 */
public final class Plots {

    private final Path dataDir;
    private final Path imageDir;
    private final List<String> failures = new ArrayList<>();

    public Plots(Path dataDir, Path imageDir) throws IOException {
        this.dataDir = Files.createDirectories(dataDir);
        this.imageDir = Files.createDirectories(imageDir);
    }

    /** Writes one data file (whitespace-separated columns, header as a comment); returns its path. */
    public Path data(String name, String header, List<double[]> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# " + header);
        for (double[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (double v : row) {
                line.append(line.length() == 0 ? "" : " ")
                        .append(Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6g", v));
            }
            lines.add(line.toString());
        }
        Path file = dataDir.resolve(name + ".dat");
        Files.write(file, lines);
        return file;
    }

    /**
     * Renders {@code body} (gnuplot commands after terminal and output are set, ending in a plot
     * command) to {@code docs/images/<name>.png}; returns whether the image was made.
     */
    public boolean render(String name, String body) throws IOException {
        Path image = imageDir.resolve(name + ".png");
        Path script = dataDir.resolve(name + ".gp");
        Files.writeString(
                script,
                "set terminal pngcairo size 960,600 font 'DejaVu Sans,11'\n"
                        + "set output '" + image + "'\n"
                        + "set grid\nset key outside right top\nset datafile missing 'NaN'\n" + body + "\n");
        try {
            Process gnuplot = new ProcessBuilder("gnuplot", script.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(gnuplot.getInputStream().readAllBytes());
            if (!gnuplot.waitFor(60, TimeUnit.SECONDS) || gnuplot.exitValue() != 0) {
                gnuplot.destroyForcibly();
                failures.add(name + ": " + output);
                return false;
            }
            return Files.exists(image);
        } catch (IOException e) {
            failures.add(name + ": gnuplot not runnable (" + e.getMessage() + ")");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public List<String> failures() {
        return failures;
    }
}
