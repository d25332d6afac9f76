package io.incidentstream.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class FanOutSectionTest {

    private static final String HEADER = "label,target,subscribers,rate,published,publish_failed,expected,received,"
            + "lost_pct,gaps,closed,p50_ms,p90_ms,p99_ms,p999_ms,max_ms,delivered_per_sec,server_cpu_pct,"
            + "server_system_cpu_pct,server_jit_cpu_pct,client_cpu_pct,within_knee,sample";

    @TempDir
    Path results;

    @Test
    void theCpuTarget_splitsEachServersCpuPerDelivery_intoUserSpaceAndTheKernel_andGivesOurJitCompilersPart()
            throws Exception {
        // 100,000 deliveries a second: 100% of a core is 10 us a delivery.
        assertThat(cpuTarget(
                        HEADER,
                        "ours-target,ours,1000,100,1000,0,1000000,1000000,0,0,0,10,18,25,30,40,100000,100,60,11,90,"
                                + "true,1",
                        "nchan-target,nchan,1000,100,1000,0,1000000,1000000,0,0,0,50,90,140,150,160,100000,90,62,0,"
                                + "95,false,1"))
                .startsWith("1.11x (10.00 vs 9.00 us: user 4.00 vs 2.80, kernel 6.00 vs 6.20; "
                        + "of ours, JIT compilation 1.10, ours without it 8.90; load client 9.00 vs 9.50 us)");
    }

    @Test
    void resultsFromBeforeTheJitWasRecorded_showUserSpaceAndTheKernel() throws Exception {
        assertThat(cpuTarget(
                        HEADER.replace("server_jit_cpu_pct,", ""),
                        "ours-target,ours,1000,100,1000,0,1000000,1000000,0,0,0,10,18,25,30,40,100000,100,60,90,true,1",
                        "nchan-target,nchan,1000,100,1000,0,1000000,1000000,0,0,0,50,90,140,150,160,100000,90,62,"
                                + "95,false,1"))
                .startsWith("1.11x (10.00 vs 9.00 us: user 4.00 vs 2.80, kernel 6.00 vs 6.20; load client 9.00");
    }

    @Test
    void resultsFromBeforeTheSplit_showTheTotalsAlone() throws Exception {
        assertThat(cpuTarget(
                        HEADER.replace("server_system_cpu_pct,server_jit_cpu_pct,", ""),
                        "ours-target,ours,1000,100,1000,0,1000000,1000000,0,0,0,10,18,25,30,40,100000,100,90,true,1",
                        "nchan-target,nchan,1000,100,1000,0,1000000,1000000,0,0,0,50,90,140,150,160,100000,90,95,"
                                + "false,1"))
                .startsWith("1.11x (10.00 vs 9.00 us; load client 9.00 vs 9.50 us)");
    }

    /** The CPU target row's figures, from a results file of this header and these two rows. */
    private String cpuTarget(String header, String ours, String nchan) throws Exception {
        Files.write(results.resolve("fanout.csv"), List.of(header, ours, nchan));
        Run run = new Run(results);
        FanOutSection.write(run, new Plots(results.resolve("plots"), results.resolve("images")), new Markdown());
        return run.targets().stream()
                .filter(row -> row.get(0).startsWith("Server CPU per delivery vs nchan"))
                .map(row -> row.get(2))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no CPU target row in " + run.targets()));
    }
}
