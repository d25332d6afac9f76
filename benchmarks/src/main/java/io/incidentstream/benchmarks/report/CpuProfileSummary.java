package io.incidentstream.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Summarises an async-profiler CPU profile in collapsed form (one line per stack: frames separated
 * by {@code ;}, root first, then a sample count): where the server's CPU goes by activity, the
 * hottest frames (kernel frames end in {@code _[k]}), and the dispatcher thread's own breakdown.
 *
 * <pre>java -cp benchmarks.jar io.incidentstream.benchmarks.report.CpuProfileSummary cpu.collapsed</pre>
 */
public final class CpuProfileSummary {

    private static final int TOP = 25;

    /** Activities, tried in order: the first whose marker is in the stack takes the sample. */
    private static final Map<String, List<String>> ACTIVITIES = new LinkedHashMap<>();

    static {
        ACTIVITIES.put(
                "dispatcher thread: routing and the socket writes it makes", List.of("admission/Dispatcher.run"));
        ACTIVITIES.put("HTTP publish (ingest endpoint)", List.of("IngestEndpoints", "EventDecoder", "EventAdmission"));
        ACTIVITIES.put(
                "socket writes on other threads (write completions)",
                List.of("Outbox", "FrameFlusher", "WriteFlusher"));
        ACTIVITIES.put(
                "inbound WebSocket frames and upgrades",
                List.of("WebSocketConnection.onFillable", "StreamEndpoint", "WebSocketUpgradeHandler"));
        ACTIVITIES.put("garbage collection", List.of("G1", "GCTaskThread", "ConcurrentGCThread", "WorkerThread::run"));
        ACTIVITIES.put("JIT compilation", List.of("CompileBroker", "C2Compiler", "Compiler::", "Phase"));
        ACTIVITIES.put("other HTTP (parsing, responses)", List.of("HttpConnection", "HttpParser"));
        ACTIVITIES.put("selectors", List.of("ManagedSelector", "EPoll"));
        ACTIVITIES.put("timer and maintenance", List.of("SessionService", "IncidentStreamServer.lambda"));
    }

    private CpuProfileSummary() {}

    public static void main(String[] args) throws IOException {
        System.out.print(summarise(Path.of(args[0])));
    }

    public static String summarise(Path collapsed) throws IOException {
        long total = 0;
        long dispatcherTotal = 0;
        Map<String, Long> activities = new LinkedHashMap<>();
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> dispatcherInclusive = new HashMap<>();
        for (String line : Files.readAllLines(collapsed)) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String stack = line.substring(0, space);
            long samples = Long.parseLong(line.substring(space + 1).trim());
            total += samples;
            activities.merge(activity(stack), samples, Long::sum);
            String[] frames = stack.split(";");
            self.merge(frames[frames.length - 1], samples, Long::sum);
            if (stack.contains("admission/Dispatcher.run")) {
                dispatcherTotal += samples;
                Set<String> seen = new HashSet<>();
                for (String frame : frames) {
                    if (seen.add(frame)) {
                        dispatcherInclusive.merge(frame, samples, Long::sum);
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder("CPU samples: " + total + "\n\nBy activity:\n");
        long all = total;
        activities.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.append(String.format("  %6.2f%%  %s%n", 100.0 * e.getValue() / all, e.getKey())));
        top(out, "Hottest frames (self; _[k] = kernel)", self, total);
        top(
                out,
                "Dispatcher thread, inclusive (% of the dispatcher's own samples)",
                dispatcherInclusive,
                dispatcherTotal);
        return out.toString();
    }

    private static String activity(String stack) {
        for (Map.Entry<String, List<String>> entry : ACTIVITIES.entrySet()) {
            for (String marker : entry.getValue()) {
                if (stack.contains(marker)) {
                    return entry.getKey();
                }
            }
        }
        return "other";
    }

    private static void top(StringBuilder out, String title, Map<String, Long> counts, long total) {
        out.append('\n').append(title).append(":\n");
        if (total == 0) {
            return;
        }
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(TOP)
                .forEach(e -> out.append(String.format(
                        "  %6.2f%%  %s%n",
                        100.0 * e.getValue() / total,
                        e.getKey().length() > 160 ? e.getKey().substring(0, 160) + "..." : e.getKey())));
    }
}
