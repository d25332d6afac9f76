package io.incidentstream.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up time: from launching the server's command to the first {@code 200} of its readiness
 * URL, polled every millisecond over a fresh connection; repeated {@code --runs} times. Each
 * server is then stopped with SIGTERM (its normal shutdown path).
 *
 * <pre>
 * java -cp benchmarks.jar io.incidentstream.benchmarks.load.Startup --port 8080 --runs 7 \
 *      --command "java -jar bootstrap/target/incident-stream.jar --host 127.0.0.1 --port {port}"
 * </pre>
 */
public final class Startup {

    static final String HEADER = "label,run,ready_ms,rss_at_ready_kb";

    private Startup() {}

    public static void main(String[] argv) throws Exception {
        run(argv);
        System.exit(0);
    }

    /** Runs the launches; returns each run's time to ready in milliseconds. */
    public static List<Double> run(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        String label = args.text("label", "ours");
        int port = args.integer("port", 8080);
        int runs = args.integer("runs", 7);
        String path = args.text("ready-path", "/health/ready");
        // "200": ready when the path answers 200; "any": when the server answers HTTP at all (bare Jetty).
        boolean anyStatus = args.text("ready-status", "200").equals("any");
        double timeoutSecs = args.decimal("timeout-secs", 60);
        List<String> command = new ArrayList<>(Arrays.asList(args.required("command")
                .replace("{port}", String.valueOf(port))
                .trim()
                .split("\\s+")));
        Path log = Path.of(args.text("log", "/dev/null"));
        Csv csv = new Csv(args.text("out", null), HEADER);
        args.checkAllUsed();

        List<Double> times = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            try {
                long deadline = start + (long) (timeoutSecs * 1e9);
                while (!ready(port, path, anyStatus)) {
                    if (System.nanoTime() > deadline || !process.isAlive()) {
                        throw new IllegalStateException("server not ready after " + timeoutSecs + " s (alive: "
                                + process.isAlive() + "); see " + log);
                    }
                    Thread.sleep(1);
                }
                double millis = (System.nanoTime() - start) / 1e6;
                times.add(millis);
                csv.row(label, run, millis, ProcessMemory.rssKb(List.of(process.pid())));
            } finally {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
        return times;
    }

    /** One GET over a fresh connection: true on 200 (or on any answer), false on a refusal or other answer. */
    private static boolean ready(int port, String path, boolean anyStatus) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] status = in.readNBytes(12);
            String line = new String(status, StandardCharsets.US_ASCII);
            return anyStatus ? line.startsWith("HTTP/1.1 ") : line.startsWith("HTTP/1.1 200");
        } catch (IOException e) {
            return false;
        }
    }
}
