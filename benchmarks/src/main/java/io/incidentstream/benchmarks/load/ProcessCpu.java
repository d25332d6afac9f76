package io.incidentstream.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    /** User and system time in ticks; zeros for a process that is gone. */
    private static long[] ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name, in parentheses, may hold spaces: count fields after its closing one.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
        } catch (IOException | RuntimeException e) {
            return new long[2];
        }
    }
}
