package io.incidentstream.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Memory of a server process as the operating system and the JVM see it: RSS and PSS from
 * {@code /proc} (PSS splits shared pages among the processes sharing them, so summing it over
 * nginx's master and workers does not count its shared memory twice), and the live Java heap
 * from {@code jcmd GC.class_histogram}, which runs a full collection first.
 */
public final class ProcessMemory {

    private ProcessMemory() {}

    /** The process and its children (nginx's workers). */
    public static List<Long> withChildren(long pid) {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        try {
            String children = Files.readString(Path.of("/proc/" + pid + "/task/" + pid + "/children"))
                    .trim();
            if (!children.isEmpty()) {
                for (String child : children.split("\\s+")) {
                    pids.add(Long.parseLong(child));
                }
            }
        } catch (IOException e) {
            // No children file: the process alone.
        }
        return pids;
    }

    /** Resident set size in KiB, summed over {@code pids}. */
    public static long rssKb(List<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            total += field(Path.of("/proc/" + pid + "/status"), "VmRSS:");
        }
        return total;
    }

    /** Proportional set size in KiB, summed over {@code pids}. */
    public static long pssKb(List<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            total += field(Path.of("/proc/" + pid + "/smaps_rollup"), "Pss:");
        }
        return total;
    }

    private static long field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("no " + name + " in " + file);
    }

    /** A JVM's class histogram of live objects, taken after the full GC that it runs first. */
    public static String classHistogram(long pid) {
        return jcmd(pid, "GC.class_histogram");
    }

    /** Bytes of live objects in a class histogram: its {@code Total} line. */
    public static long liveHeapBytes(String histogram) {
        String output = histogram;
        String[] lines = output.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].trim();
            if (line.startsWith("Total")) {
                String[] cells = line.split("\\s+");
                return Long.parseLong(cells[2]);
            }
        }
        throw new IllegalStateException("no Total line in jcmd output: " + output);
    }

    /** Runs {@code jcmd pid command...} (bounded to two minutes) and returns its output. */
    public static String jcmd(long pid, String... command) {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(String.valueOf(pid));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("jcmd failed: " + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run jcmd: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for jcmd", e);
        }
    }
}
