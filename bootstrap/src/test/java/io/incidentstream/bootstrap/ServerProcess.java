package io.incidentstream.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link Main} in a JVM of its own, on this test's class path, as an operator runs it: for what only
 * a process shows (exit status, what it prints, signals). Output (stdout and stderr merged) goes
 * to a temporary file; {@link #close} kills what is still running and deletes it.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+) \\(HTTP\\)");

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path output;

    private ServerProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static ServerProcess start(Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        // A file rather than a pipe: what the process wrote is all there once it has exited.
        Path output = Files.createTempFile("server-process", ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("INCIDENT_STREAM_") || name.equals("LOG_LEVEL"));
        builder.environment().putAll(environment);
        return new ServerProcess(builder.start(), output);
    }

    /** The first line matching {@code condition}, waiting for it up to {@link #TIMEOUT}. */
    String awaitLine(Predicate<String> condition, String description) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            boolean exited = !process.isAlive();
            for (String line : lines()) {
                if (condition.test(line)) {
                    return line;
                }
            }
            if (exited || System.nanoTime() > deadline) {
                throw new AssertionError("no line " + description + " in the output:\n" + output());
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
    }

    /** The port of a server started on 127.0.0.1 with port 0, from its "listening on" line. */
    int awaitPort() throws InterruptedException {
        Matcher listening =
                LISTENING.matcher(awaitLine(line -> LISTENING.matcher(line).find(), "listening"));
        if (!listening.find()) {
            throw new AssertionError("the listening line names no port");
        }
        return Integer.parseInt(listening.group(1));
    }

    /** The exit status, waiting up to {@link #TIMEOUT}. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("process still running after " + TIMEOUT + ":\n" + output());
        }
        return process.exitValue();
    }

    /** Sends SIGTERM, as a service manager does to stop it. */
    void terminate() {
        process.destroy();
    }

    String output() {
        return String.join("\n", lines());
    }

    List<String> lines() {
        try {
            return Files.readAllLines(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(output);
    }
}
