package io.incidentstream.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up figures (written with the ingest section): plain java -jar, with the class-data archive,
 * and with the archive and the recommended JVM options.
 */
@Timeout(30)
class StartupFiguresTest {

    @TempDir
    Path results;

    @Test
    void thePlainStartKeepsItsTarget_andTheArchivedAndRecommendedOnesAreReportedBesideIt() throws Exception {
        Files.write(
                results.resolve("startup.csv"),
                List.of(
                        "label,run,ready_ms,rss_at_ready_kb",
                        "ours,1,1300,100000",
                        "ours,2,1180,101000",
                        "ours,3,1100,102000",
                        "ours-cds,1,700,90000",
                        "ours-cds,2,731,91000",
                        "ours-cds,3,810,92000",
                        "ours-recommended,1,520,80000",
                        "ours-recommended,2,480,81000",
                        "ours-recommended,3,600,82000",
                        "echo,1,1029,80000"));
        Run run = new Run(results);
        Markdown md = new Markdown();

        IngestSection.write(run, md);

        assertThat(target(run, "Start-up (java -jar to ready)")).containsExactly("1,180 ms median", "**missed**");
        assertThat(target(run, "Start-up with the class-data archive")).containsExactly("731 ms median", "**met**");
        assertThat(target(run, "Start-up with the archive and the JVM options"))
                .containsExactly("520 ms median", "**met**");
        // "beside the rows above": the plain start's row comes first.
        assertThat(run.targets().stream().map(row -> row.get(0)).filter(name -> name.startsWith("Start-up")))
                .containsExactly(
                        "Start-up (java -jar to ready)",
                        "Start-up with the class-data archive of scripts/class-archive.sh (reported beside the row above)",
                        "Start-up with the archive and the JVM options of operations.md (reported beside the rows above)");
    }

    @Test
    void aRunWithoutTheArchive_hasNoRowForIt() throws Exception {
        Files.write(results.resolve("startup.csv"), List.of("label,run,ready_ms,rss_at_ready_kb", "ours,1,900,100000"));
        Run run = new Run(results);

        IngestSection.write(run, new Markdown());

        assertThat(target(run, "Start-up (java -jar to ready)")).containsExactly("900 ms median", "**met**");
        assertThat(run.targets()).noneMatch(row -> row.get(0).startsWith("Start-up with"));
    }

    /** The measured figure and the verdict of the target row whose name starts with {@code name}. */
    private static List<String> target(Run run, String name) {
        return run.targets().stream()
                .filter(row -> row.get(0).startsWith(name))
                .map(row -> List.of(row.get(2), row.get(3)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + " in " + run.targets()));
    }
}
