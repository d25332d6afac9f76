package io.incidentstream.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class StormSectionTest {

    private static final String HEADER = "label,target,connections,ready,failed,closed,heap_bytes,rss_before_gc_kb,"
            + "rss_kb,pss_kb,open_secs,open_per_sec,open_cpu_us_per_conn,open_jit_us_per_conn";
    private static final List<String> OURS = List.of(
            "ours,ours,0,0,0,0,1000,100000,90000,0,0,0,0,0",
            "ours,ours,15000,15000,0,0,9000,220000,200000,0,17.4,862,880,300");
    private static final List<String> NCHAN = List.of(
            "nchan,nchan,0,0,0,0,-1,20000,20000,20000,0,0,0,0",
            "nchan,nchan,15000,15000,0,0,-1,170000,170000,170000,7.5,2000,100,0");

    @TempDir
    Path results;

    @Test
    void theCpuTarget_givesOurJitCompilersPart_andOursWithoutIt() throws Exception {
        storm(OURS, NCHAN);

        assertThat(cpuTarget(written()))
                .isEqualTo("880 vs 100 us (8.80x); of ours, JIT compilation 300 us, " + "ours without it 580 us");
    }

    @Test
    void resultsFromBeforeTheJitWasRecorded_showTheTotalsAlone() throws Exception {
        Files.write(
                results.resolve("storm.csv"),
                List.of(
                        HEADER.replace(",open_jit_us_per_conn", ""),
                        "ours,ours,0,0,0,0,1000,100000,90000,0,0,0,0",
                        "ours,ours,15000,15000,0,0,9000,220000,200000,0,17.4,862,880",
                        "nchan,nchan,0,0,0,0,-1,20000,20000,20000,0,0,0",
                        "nchan,nchan,15000,15000,0,0,-1,170000,170000,170000,7.5,2000,100"));

        assertThat(cpuTarget(written())).isEqualTo("880 vs 100 us (8.80x)");
    }

    @Test
    void theEchoServer_isReportedAsTheFloorUnderOurs_besideNchan() throws Exception {
        storm(
                OURS,
                List.of(
                        "echo,echo,0,0,0,0,1000,90000,80000,0,0,0,0,0",
                        "echo,echo,15000,15000,0,0,8000,180000,170000,0,14.0,1000,550,250"),
                NCHAN);

        List<String> row = written().targets().stream()
                .filter(r -> r.get(0).contains("echo server"))
                .findFirst()
                .orElseThrow();
        assertThat(row.get(2))
                .isEqualTo("550 us per connection (5.50x nchan's; ours 1.60x echo's); of echo, JIT compilation 250 us, "
                        + "echo without it 300 us; 1,000/s (0.50x nchan's rate)");
        assertThat(row.get(3)).isEqualTo("reported");
    }

    @SafeVarargs
    private void storm(List<String>... servers) throws Exception {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        for (List<String> rows : servers) {
            lines.addAll(rows);
        }
        Files.write(results.resolve("storm.csv"), lines);
    }

    private Run written() throws Exception {
        Run run = new Run(results);
        StormSection.write(run, new Markdown());
        return run;
    }

    private static String cpuTarget(Run run) {
        return run.targets().stream()
                .filter(row -> row.get(0).endsWith("server CPU per connection"))
                .map(row -> row.get(2))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no storm CPU target row in " + run.targets()));
    }
}
