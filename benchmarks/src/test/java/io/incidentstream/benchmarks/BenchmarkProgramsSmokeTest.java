package io.incidentstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.benchmarks.load.EchoServer;
import io.incidentstream.benchmarks.load.FanOut;
import io.incidentstream.benchmarks.load.IdleConnections;
import io.incidentstream.benchmarks.load.Ingest;
import io.incidentstream.benchmarks.load.PresenceStorm;
import io.incidentstream.benchmarks.load.Startup;
import io.incidentstream.benchmarks.report.HistogramDiff;
import io.incidentstream.benchmarks.report.JfrSummary;
import io.incidentstream.benchmarks.report.ReportWriter;
import io.incidentstream.bootstrap.IncidentStreamServer;
import io.incidentstream.bootstrap.ServerComponent;
import io.incidentstream.bootstrap.config.ConfigLoader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark program once on a tiny workload against the real server (in-process) and
 * the echo server, then writes a report from what they produced. Checks that they run and produce
 * rows, never how fast anything is: benchmarks are programs with reports, not timed tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BenchmarkProgramsSmokeTest {

    @TempDir
    static Path results;

    private static IncidentStreamServer server;
    private static Server echo;

    @BeforeAll
    static void startServers() throws Exception {
        server = ServerComponent.create(
                        ConfigLoader.load(new String[] {"--host", "127.0.0.1", "--port", "0"}, Map.of()),
                        Clock.systemUTC())
                .start();
        echo = EchoServer.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stopServers() throws Exception {
        server.stop();
        echo.stop();
    }

    private static String self() {
        return String.valueOf(ProcessHandle.current().pid());
    }

    /**
     * A program's arguments written as one line: the template split at spaces, each {@code {}} taking
     * the next value whole (a path may hold spaces).
     */
    private static String[] args(String template, Object... values) {
        String[] tokens = template.split(" ");
        int next = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].equals("{}")) {
                tokens[i] = String.valueOf(values[next++]);
            }
        }
        if (next != values.length) {
            throw new IllegalArgumentException(values.length + " values for " + next + " placeholders: " + template);
        }
        return tokens;
    }

    @Test
    @Order(1)
    void microBenchmarks_runOneShortIterationEach() throws Exception {
        // Another JMH run (benchmarks/run.sh) may hold JMH's lock file; this one runs in-process anyway.
        System.setProperty("jmh.ignoreLock", "true");
        var results = new Runner(new OptionsBuilder()
                        .include("io.incidentstream.benchmarks.micro.*")
                        .forks(0)
                        .warmupIterations(0)
                        .measurementIterations(1)
                        .measurementTime(TimeValue.milliseconds(20))
                        .param("subscriptions", "200")
                        .resultFormat(ResultFormatType.JSON)
                        .result(BenchmarkProgramsSmokeTest.results
                                .resolve("jmh.json")
                                .toString())
                        .build())
                .run();

        assertThat(results)
                .extracting(RunResult::getParams)
                .extracting(p -> p.getBenchmark())
                .anyMatch(name -> name.endsWith("FilterBenchmark.matches"))
                .anyMatch(name -> name.endsWith("RoutingBenchmark.route"))
                .anyMatch(name -> name.endsWith("EncodingBenchmark.encodeEvent"));
    }

    @Test
    @Order(2)
    void idleConnections_measureOursAndTheEchoServer() throws Exception {
        int echoPort = ((ServerConnector) echo.getConnectors()[0]).getLocalPort();
        for (String[] target : List.of(
                new String[] {"ours", String.valueOf(server.port())},
                new String[] {"echo", String.valueOf(echoPort)})) {
            int steps = IdleConnections.run(args(
                    "--target {} --port {} --steps 0,6 --sources 2 --settle-secs 0 --server-pid {} "
                            + "--out {} --histo-dir {}",
                    target[0],
                    target[1],
                    self(),
                    results.resolve("idle.csv"),
                    results.resolve("histograms")));
            assertThat(steps).isEqualTo(2);
        }
        List<String> idle = Files.readAllLines(results.resolve("idle.csv"));
        assertThat(idle).hasSize(5);
        // The step that opened 6 connections says how fast they opened (a reconnect storm in small).
        String[] opened = idle.get(2).split(",");
        assertThat(opened[2]).isEqualTo("6");
        assertThat(Double.parseDouble(opened[11]))
                .as("connections opened per second")
                .isPositive();
        assertThat(HistogramDiff.diff(
                        results.resolve("histograms/ours-0.txt"), results.resolve("histograms/ours-6.txt"), 6, 5))
                .contains("bytes/conn");
    }

    @Test
    @Order(3)
    void fanOut_deliversTaggedEventsToEverySubscriber() throws Exception {
        Path jfr = results.resolve("smoke.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10));
            recording.start();
            int steps = FanOut.run(args(
                    "--target ours --port {} --subscribers 4 --rates 20,40 --step-secs 0.5 "
                            + "--warmup-secs 0.2 --prewarm-secs 0.3 --drain-secs 3 --samples 2 --server-pid {} "
                            + "--out {}",
                    server.port(),
                    self(),
                    results.resolve("fanout.csv")));
            recording.dump(jfr);
            assertThat(steps).isPositive();
        }
        List<String> rows = Files.readAllLines(results.resolve("fanout.csv"));
        // received = expected: every subscriber got every published event.
        String[] first = rows.get(1).split(",");
        assertThat(Long.parseLong(first[7])).isEqualTo(Long.parseLong(first[6])).isPositive();
        // Two samples per rate, numbered in the last column.
        assertThat(first[first.length - 1]).isEqualTo("1");
        assertThat(rows.get(2).split(",")[3]).isEqualTo(first[3]);
        assertThat(rows.get(2).split(",")[first.length - 1]).isEqualTo("2");
        assertThat(JfrSummary.summarise(jfr)).contains("CPU samples");
    }

    @Test
    @Order(2)
    void idleConnections_overSse_openStreamsThatAllGetSubscribed() throws Exception {
        // Written where run.sh's storm step writes, so that the report below renders it.
        Path csv = results.resolve("storm.csv");
        int steps = IdleConnections.run(args(
                "--target ours --port {} --transport sse --steps 0,5 --sources 2 --settle-secs 0 "
                        + "--server-pid {} --label ours-sse --out {}",
                server.port(),
                self(),
                csv));
        assertThat(steps).isEqualTo(2);
        String[] row = Files.readAllLines(csv).get(2).split(",");
        assertThat(row[2]).as("connections").isEqualTo("5");
        assertThat(row[3]).as("ready (subscribed)").isEqualTo("5");
        assertThat(row[4]).as("failed").isEqualTo("0");
    }

    @Test
    @Order(3)
    void fanOut_overSse_deliversToEverySubscriber_withEitherClient() throws Exception {
        for (String client : List.of("raw", "jetty")) {
            Path csv = results.resolve("fanout-sse-" + client + ".csv");
            int steps = FanOut.run(args(
                    "--target ours --port {} --transport sse --client {} --subscribers 4 --rates 20 "
                            + "--step-secs 0.5 --warmup-secs 0.2 --prewarm-secs 0 --drain-secs 3 "
                            + "--server-pid {} --out {}",
                    server.port(),
                    client,
                    self(),
                    csv));
            assertThat(steps).as(client).isEqualTo(1);
            String[] row = Files.readAllLines(csv).get(1).split(",");
            assertThat(Long.parseLong(row[7]))
                    .as(client + ": received = expected")
                    .isEqualTo(Long.parseLong(row[6]))
                    .isPositive();
        }
    }

    /** The Jetty clients instead of the raw ones, and one subscription id shared by every subscriber. */
    @Test
    @Order(3)
    void fanOut_withTheJettyClient_orOneSharedSubscriptionId_deliversToEverySubscriberToo() throws Exception {
        // The option that makes each variant, as flag and value.
        Map<String, List<String>> variants = Map.of(
                "jetty", List.of("--client", "jetty"),
                "shared-id", List.of("--shared-subscription-id", "dashboard"));
        for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
            Path csv = results.resolve("fanout-" + variant.getKey() + ".csv");
            int steps = FanOut.run(args(
                    "--target ours --port {} --subscribers 4 --rates 20 --step-secs 0.5 "
                            + "--warmup-secs 0.2 --prewarm-secs 0 --drain-secs 3 {} {} --server-pid {} --out {}",
                    server.port(),
                    variant.getValue().get(0),
                    variant.getValue().get(1),
                    self(),
                    csv));
            assertThat(steps).as(variant.getKey()).isEqualTo(1);
            String[] row = Files.readAllLines(csv).get(1).split(",");
            assertThat(Long.parseLong(row[7]))
                    .as(variant.getKey() + ": received = expected")
                    .isEqualTo(Long.parseLong(row[6]))
                    .isPositive();
        }
    }

    @Test
    @Order(3)
    void presenceStorm_measuresBaselineAndStorm_andNoPresenceLeaksToOthers() throws Exception {
        Path csv = results.resolve("presence.csv");
        int rows = PresenceStorm.run(args(
                "--port {} --watchers 20 --others 4 --observers 2 --rate 20 --phase-secs 1.5 "
                        + "--cycle-secs 0.5 --prewarm-secs 0 --server-pid {} --out {}",
                server.port(),
                self(),
                csv));
        assertThat(rows).isEqualTo(2);
        List<String> lines = Files.readAllLines(csv);
        String[] storm = lines.get(2).split(",");
        assertThat(storm[0]).isEqualTo("storm");
        assertThat(Long.parseLong(storm[7])).as("others received every event").isEqualTo(Long.parseLong(storm[6]));
        assertThat(Long.parseLong(storm[12])).as("watch messages sent").isPositive();
        assertThat(Long.parseLong(storm[15]))
                .as("presence reached the observers")
                .isPositive();
        assertThat(Long.parseLong(storm[16]))
                .as("presence reached no other session")
                .isZero();
    }

    @Test
    @Order(4)
    void ingest_acceptsSingleAndBatchedEvents() throws Exception {
        for (String batch : new String[] {"1", "10"}) {
            double perSecond = Ingest.run(args(
                    "--target ours --port {} --batch {} --connections 2 --secs 0.5 --warmup-secs 0.2 "
                            + "--label {} --out {}",
                    server.port(),
                    batch,
                    "ours-" + (batch.equals("1") ? "single" : "batch"),
                    results.resolve("ingest.csv")));
            assertThat(perSecond).isPositive();
        }
    }

    @Test
    @Order(5)
    void startup_timesTheServerToReady() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Double> times = Startup.run(args(
                "--port {} --runs 1 --command {} --out {}",
                port,
                java + " -cp " + System.getProperty("java.class.path") + " io.incidentstream.bootstrap.Main"
                        + " --host 127.0.0.1 --port {port}",
                results.resolve("startup.csv")));
        assertThat(times).hasSize(1);
    }

    @Test
    @Order(6)
    void report_isWrittenFromTheResults() throws Exception {
        Path doc = results.resolve("doc/performance.md");
        ReportWriter.write(results, doc, results.resolve("doc/images"), null);

        assertThat(Files.readString(doc))
                .contains(
                        "## Targets against measurements",
                        "Filter evaluation",
                        "Idle connections",
                        "Reconnect storm",
                        "| ours-sse | 5 |",
                        "Fan-out",
                        "Ingest over HTTP",
                        "Start-up");
    }
}
