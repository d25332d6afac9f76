package io.incidentstream.benchmarks.report;

import java.util.List;
import java.util.Locale;

/** A Markdown page under construction, with number formatting that reads well in tables. */
public final class Markdown {

    private final StringBuilder out = new StringBuilder();

    public Markdown line(String text) {
        out.append(text).append('\n');
        return this;
    }

    public Markdown blank() {
        out.append('\n');
        return this;
    }

    public Markdown heading(int level, String text) {
        out.append('\n').append("#".repeat(level)).append(' ').append(text).append("\n\n");
        return this;
    }

    public Markdown paragraph(String text) {
        out.append(text).append("\n\n");
        return this;
    }

    public Markdown code(String language, String text) {
        out.append("```").append(language).append('\n').append(text.strip()).append("\n```\n\n");
        return this;
    }

    public Markdown table(List<String> header, List<List<String>> rows) {
        out.append("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> out.append("---|"));
        out.append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        out.append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** A number with {@code decimals} places; NaN shows as a dash. */
    public static String num(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** A number with about three significant digits. */
    public static String sig(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "-";
        }
        double abs = Math.abs(value);
        int decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
        return num(value, decimals);
    }

    /** ours/peer as "1.23x"; a dash when either side is missing. */
    public static String ratio(double ours, double peer) {
        if (Double.isNaN(ours) || Double.isNaN(peer) || peer == 0) {
            return "-";
        }
        return num(ours / peer, 2) + "x";
    }

    public static String verdict(boolean met) {
        return met ? "**met**" : "**missed**";
    }
}
