package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A class's {@code main} run in a JVM of its own, for what changes a whole JVM or is decided once per JVM. */
final class ProbeJvm {

    private ProbeJvm() {}

    /** Runs {@code main} with this test's class path and the JVM flags; returns the last line it printed. */
    static String lastLine(List<String> flags, Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("the probe JVM finished")
                    .isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1].strip();
        } finally {
            process.destroyForcibly();
        }
    }
}
