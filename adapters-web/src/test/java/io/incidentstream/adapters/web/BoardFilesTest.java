package io.incidentstream.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BoardFilesTest {

    private static final Path SOURCES = Path.of("src/main/resources/io/incidentstream/adapters/web/board");

    /** A file added to the board but not to files.txt would be missing from the page: fail here instead. */
    @Test
    void theListNamesEveryFileOfTheBoard_andTheReferenceClient() throws IOException {
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            onDisk = files.filter(Files::isRegularFile)
                    .map(p -> SOURCES.relativize(p).toString().replace('\\', '/'))
                    .filter(name -> !name.equals("files.txt"))
                    .toList();
        }
        assertThat(BoardFiles.load().keySet())
                .containsAll(onDisk)
                .contains("incident-stream-client.js")
                .hasSize(onDisk.size() + 1);
    }

    @Test
    void anUnknownExtension_failsAtStartUp() {
        assertThatThrownBy(() -> ContentTypes.of("logo.webp"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("logo.webp");
    }
}
