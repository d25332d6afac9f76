package io.incidentstream.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of the server under load as plain text: where CPU samples land (self
 * and inclusive, by thread group), what allocates, garbage collection and lock contention.
 *
 * <pre>java -cp benchmarks.jar io.incidentstream.benchmarks.report.JfrSummary server.jfr &gt; summary.txt</pre>
 */
public final class JfrSummary {

    private static final int TOP = 25;

    private final Map<String, Long> self = new HashMap<>();
    private final Map<String, Long> inclusive = new HashMap<>();
    private final Map<String, Long> threads = new HashMap<>();
    private final Map<String, Long> allocatedByClass = new HashMap<>();
    private final Map<String, Long> allocatedBySite = new HashMap<>();
    private final Map<String, Long> contention = new HashMap<>();
    private final Map<String, Long> nativeByThread = new HashMap<>();
    private final Map<String, Long> nativeFrames = new HashMap<>();
    private final Map<String, double[]> threadCpu = new HashMap<>();
    private long nativeSamples;
    private long samples;
    private long gcCount;
    private double gcMillis;
    private double gcLongestMillis;

    private JfrSummary() {}

    public static void main(String[] args) throws IOException {
        System.out.print(summarise(Path.of(args[0])));
    }

    public static String summarise(Path recording) throws IOException {
        JfrSummary summary = new JfrSummary();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            summary.add(event);
        }
        return summary.text();
    }

    private void add(RecordedEvent event) {
        String type = event.getEventType().getName();
        switch (type) {
            case "jdk.ExecutionSample":
                sample(event);
                break;
            case "jdk.NativeMethodSample":
                nativeSample(event);
                break;
            case "jdk.ThreadCPULoad":
                if (event.getThread("eventThread") != null) {
                    double[] load = threadCpu.computeIfAbsent(
                            event.getThread("eventThread").getJavaName(), k -> new double[3]);
                    load[0] += event.getFloat("user");
                    load[1] += event.getFloat("system");
                    load[2]++;
                }
                break;
            case "jdk.ObjectAllocationSample":
                long weight = event.getLong("weight");
                allocatedByClass.merge(event.getClass("objectClass").getName(), weight, Long::sum);
                allocatedBySite.merge(firstOwnFrame(event.getStackTrace()), weight, Long::sum);
                break;
            case "jdk.GarbageCollection":
                gcCount++;
                gcMillis += event.getDuration("sumOfPauses").toNanos() / 1e6;
                gcLongestMillis = Math.max(
                        gcLongestMillis, event.getDuration("longestPause").toNanos() / 1e6);
                break;
            case "jdk.JavaMonitorEnter":
                contention.merge(
                        event.getClass("monitorClass").getName() + " at " + firstOwnFrame(event.getStackTrace()),
                        event.getDuration().toMillis(),
                        Long::sum);
                break;
            default:
                break;
        }
    }

    private void sample(RecordedEvent event) {
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        samples++;
        threads.merge(sampledThread(event), 1L, Long::sum);
        List<RecordedFrame> frames = stack.getFrames();
        self.merge(name(frames.get(0)), 1L, Long::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame frame : frames) {
            String name = name(frame);
            if (seen.add(name)) {
                inclusive.merge(name, 1L, Long::sum);
            }
        }
    }

    /**
     * Samples of threads in native code: a thread blocked in a system call (a socket write, say) shows
     * up here, not among the execution samples. Idle waits (selectors, parked pool threads) are left out.
     */
    private void nativeSample(RecordedEvent event) {
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        String top = name(stack.getFrames().get(0));
        if (top.contains("EPoll.wait")
                || top.contains("Unsafe.park")
                || top.contains("Object.wait")
                || top.contains("Thread.sleep")
                || top.contains("accept")
                || top.contains("Signal")) {
            return;
        }
        nativeSamples++;
        String thread = sampledThread(event);
        nativeByThread.merge(thread, 1L, Long::sum);
        nativeFrames.merge(thread + ": " + top + " <- " + firstOwnFrame(stack), 1L, Long::sum);
    }

    private static String sampledThread(RecordedEvent event) {
        return event.getThread("sampledThread") == null
                ? "?"
                : group(event.getThread("sampledThread").getJavaName());
    }

    /** A thread's name without its pool number: "incident-stream-http-42" -> "incident-stream-http". */
    private static String group(String thread) {
        return thread == null ? "?" : thread.replaceAll("-?\\d+$", "");
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** The innermost frame of our own code, or the top frame when none is ours. */
    private static String firstOwnFrame(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return "?";
        }
        for (RecordedFrame frame : stack.getFrames()) {
            if (frame.getMethod().getType().getName().startsWith("io.incidentstream")) {
                return name(frame);
            }
        }
        return name(stack.getFrames().get(0)) + " (no incident-stream frame)";
    }

    private String text() {
        StringBuilder out = new StringBuilder();
        out.append("CPU samples: ").append(samples).append('\n');
        section(out, "Samples by thread (group)", threads, samples, "%");
        section(out, "Hottest methods (self)", self, samples, "%");
        section(
                out,
                "Hottest incident-stream methods (inclusive)",
                inclusive.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("io.incidentstream"))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                samples,
                "%");
        out.append("\nNative samples, idle waits left out (threads in system calls): ")
                .append(nativeSamples)
                .append('\n');
        section(out, "Native samples by thread (group)", nativeByThread, nativeSamples, "%");
        section(
                out,
                "Native samples by thread, native frame <- innermost incident-stream frame",
                nativeFrames,
                nativeSamples,
                "%");
        out.append("\nCPU by thread group (JFR jdk.ThreadCPULoad: each thread's average over the recording, summed"
                + " per group; 100% = one core):\n");
        Map<String, double[]> groups = new HashMap<>();
        threadCpu.forEach((thread, load) -> {
            double[] sum = groups.computeIfAbsent(group(thread), k -> new double[3]);
            sum[0] += load[0] / load[2];
            sum[1] += load[1] / load[2];
            sum[2]++;
        });
        groups.entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
                .limit(TOP)
                .forEach(e -> out.append(String.format(
                        "  user %5.1f%%  system %5.1f%%  %s (%d threads)%n",
                        100 * e.getValue()[0], 100 * e.getValue()[1], e.getKey(), (int) e.getValue()[2])));
        long allocated =
                allocatedByClass.values().stream().mapToLong(Long::longValue).sum();
        out.append(String.format("%nAllocation (sampled, estimated): %.1f MB%n", allocated / 1e6));
        section(out, "Allocated by class", allocatedByClass, allocated, "%");
        section(out, "Allocated at (innermost incident-stream frame)", allocatedBySite, allocated, "%");
        out.append(String.format(
                "%nGarbage collections: %d, pauses total %.1f ms, longest pause %.1f ms%n",
                gcCount, gcMillis, gcLongestMillis));
        section(out, "Monitor contention (ms blocked, events over the recording threshold)", contention, -1, "ms");
        return out.toString();
    }

    private static void section(StringBuilder out, String title, Map<String, Long> counts, long total, String unit) {
        out.append('\n').append(title).append(":\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(TOP)
                .forEach(e -> out.append(
                        total > 0
                                ? String.format("  %6.2f%%  %s%n", 100.0 * e.getValue() / total, e.getKey())
                                : String.format("  %6d %s  %s%n", e.getValue(), unit, e.getKey())));
    }
}
