package io.incidentstream.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** CPU time (user + system) of processes, from {@code /proc/<pid>/stat}, in seconds. */
public final class ProcessCpu {

    /** Linux reports these fields in clock ticks of 1/100 s (USER_HZ) on every common platform. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {}

    public static double seconds(List<Long> pids) {
        double total = 0;
        for (long pid : pids) {
            total += seconds(pid);
        }
        return total;
    }

    public static double seconds(long pid) {
        long[] times = ticks(pid);
        return (times[0] + times[1]) / TICKS_PER_SECOND;
    }

    /** The part of {@link #seconds(List)} spent in the kernel (system calls, and the network stack's work done in them). */
    public static double systemSeconds(List<Long> pids) {
        double total = 0;
        for (long pid : pids) {
            total += ticks(pid)[1] / TICKS_PER_SECOND;
        }
        return total;
    }

    /**
     * The part of {@link #seconds(List)} spent by HotSpot's JIT compiler threads: a JVM that has not
     * run long is still compiling, a cost that ends once its code is compiled and that a server
     * written in C never pays. Zero for other processes. A compiler thread that the JVM stops while
     * it is measured takes its time with it, so a difference of two readings is a lower bound (with
     * two cores a JVM keeps its one C1 and one C2 thread).
     */
    public static double compilerSeconds(List<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            try (Stream<Path> threads = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path thread : (Iterable<Path>) threads::iterator) {
                    String stat = stat(thread.resolve("stat"));
                    // The kernel keeps 15 characters of a thread's name: "C2 CompilerThre".
                    if (stat != null && (stat.contains("(C1 Compiler") || stat.contains("(C2 Compiler"))) {
                        long[] times = ticks(stat);
                        total += times[0] + times[1];
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The process is gone: it counts nothing.
            }
        }
        return total / TICKS_PER_SECOND;
    }

    /** User and system time in ticks; zeros for a process that is gone. */
    private static long[] ticks(long pid) {
        String stat = stat(Path.of("/proc/" + pid + "/stat"));
        return stat == null ? new long[2] : ticks(stat);
    }

    private static long[] ticks(String stat) {
        try {
            // The command name, in parentheses, may hold spaces: count fields after its closing one.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
        } catch (RuntimeException e) {
            return new long[2];
        }
    }

    /** A stat file's text, or null for a process or thread that is gone. */
    private static String stat(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
