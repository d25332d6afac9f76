package io.incidentstream.bootstrap.config;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code --help} prints: every setting of {@link Settings#GROUPS}, with its flag, what it
 * accepts, its default and its environment variable, generated from the table that validates them
 * so that the two cannot disagree.
 */
public final class HelpText {

    private static final int WIDTH = 100;
    private static final String INDENT = "      ";

    private HelpText() {}

    public static String render(String version) {
        StringBuilder out = new StringBuilder();
        out.append("incident-stream ")
                .append(version)
                .append(": streams incidents and alerts to WebSocket subscribers in real time.\n\n")
                .append("Usage: java -jar incident-stream.jar [--config FILE] [--SETTING VALUE | --SETTING=VALUE]...\n")
                .append("       java -jar incident-stream.jar --help | --version | --example-config\n\n");
        wrap(
                out,
                "Each setting comes from, in rising precedence: its default, the config file (key = value"
                        + " lines), its environment variable, its flag. Flags may use - or _ (--max-pending-messages,"
                        + " --max_pending_messages). Every value is checked at start-up; a bad one stops it, naming the key."
                        + " docs/configuration.md explains each setting at length.",
                "");
        out.append('\n');
        out.append("  --config FILE   [env INCIDENT_STREAM_CONFIG]\n");
        wrap(
                out,
                "A file of key = value lines; # starts a comment. --example-config prints one with every"
                        + " setting, commented out.",
                INDENT);
        out.append("  -h, --help\n").append(INDENT).append("This text.\n");
        out.append("  --version\n").append(INDENT).append("The server's version.\n");
        out.append("  --example-config\n")
                .append(INDENT)
                .append("Prints a config file listing every setting with its default.\n");
        for (SettingGroup group : Settings.GROUPS) {
            out.append('\n').append(group.title()).append('\n');
            for (Setting setting : group.settings()) {
                out.append("  ")
                        .append(setting.flag())
                        .append(" <")
                        .append(setting.accepts())
                        .append(">   [default ")
                        .append(shownDefault(setting))
                        .append("; env ")
                        .append(setting.environmentVariable())
                        .append("]\n");
                wrap(out, setting.description(), INDENT);
            }
        }
        return out.toString();
    }

    static String shownDefault(Setting setting) {
        return setting.defaultValue().isEmpty() ? "empty" : setting.defaultValue();
    }

    /** Appends {@code text} wrapped at {@link #WIDTH} columns, each line starting with {@code indent}. */
    static void wrap(StringBuilder out, String text, String indent) {
        for (String line : lines(text, WIDTH - indent.length())) {
            out.append(indent).append(line).append('\n');
        }
    }

    static List<String> lines(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
