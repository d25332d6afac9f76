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

    /**
     * One reading of processes' CPU time, in seconds: in all, in the kernel (system calls, and the
     * network stack's work done in them), and in HotSpot's JIT compiler threads. A JVM that has not
     * run long is still compiling, a cost that ends once its code is compiled and that a server
     * written in C never pays; other processes have no compiler time. A compiler thread that the
     * JVM stops between two readings takes its time with it, so the compiler's part of a difference
     * is a lower bound (with two cores a JVM keeps its one C1 and one C2 thread).
     */
    public record Reading(double seconds, double systemSeconds, double compilerSeconds) {

        /** What was spent from {@code earlier} to this reading. */
        public Reading since(Reading earlier) {
            return new Reading(
                    seconds - earlier.seconds,
                    systemSeconds - earlier.systemSeconds,
                    Math.max(0, compilerSeconds - earlier.compilerSeconds));
        }
    }

    /** Reads each process's stat file once, and its compiler threads'. Zeros for a process that is gone. */
    public static Reading read(List<Long> pids) {
        long total = 0;
        long system = 0;
        long compiler = 0;
        for (long pid : pids) {
            long[] times = ticks(pid);
            total += times[0] + times[1];
            system += times[1];
            compiler += compilerTicks(pid);
        }
        return new Reading(total / TICKS_PER_SECOND, system / TICKS_PER_SECOND, compiler / TICKS_PER_SECOND);
    }

    private static long compilerTicks(long pid) {
        long total = 0;
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
        return total;
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
