package io.incidentstream.adapters.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the board's files from the class path, as listed in {@code board/files.txt}. A list, rather
 * than a directory scan, because a directory inside a jar cannot be listed portably, and because it
 * makes shipping a new file a deliberate act (a test checks that the list and the directory agree).
 */
final class BoardFiles {

    static final String ROOT = "board/";
    static final String LIST = ROOT + "files.txt";

    private BoardFiles() {}

    /** Every listed file by its name relative to {@code board/}, e.g. {@code js/main.js}. */
    static Map<String, WebAsset> load() {
        Map<String, WebAsset> files = new LinkedHashMap<>();
        for (String line : new String(read(LIST), StandardCharsets.UTF_8).split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            files.put(name, WebAsset.of(ContentTypes.of(name), read(ROOT + name)));
        }
        return Map.copyOf(files);
    }

    private static byte[] read(String resource) {
        try (InputStream in = BoardFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("board file missing from the jar: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read board file " + resource, e);
        }
    }
}
