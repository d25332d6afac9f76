package io.incidentstream.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Appends result rows to a CSV file (writing the header first when the file is new) and echoes them. */
public final class Csv {

    private final Path file;
    private final String header;

    public Csv(String file, String header) {
        this.file = file == null ? null : Path.of(file);
        this.header = header;
    }

    public synchronized void row(Object... cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            Object cell = cells[i];
            line.append(
                    cell instanceof Double d ? String.format(java.util.Locale.ROOT, "%.3f", d) : String.valueOf(cell));
        }
        System.out.println(line);
        if (file == null) {
            return;
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (!Files.exists(file)) {
                Files.write(file, List.of(header), StandardCharsets.UTF_8);
            }
            Files.write(file, List.of(line.toString()), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
