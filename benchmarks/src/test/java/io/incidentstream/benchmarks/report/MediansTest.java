package io.incidentstream.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MediansTest {

    @Test
    void samplesOfOneStep_becomeOneRowOfMedians_withTheSpreadOfP99() {
        List<Map<String, String>> rows = List.of(
                row("ours", "100.000", "30.0", "70.0", "true", "1"),
                row("ours", "100.000", "900.0", "75.0", "false", "2"),
                row("ours", "100.000", "20.0", "80.0", "true", "3"),
                row("nchan", "100.000", "25.0", "50.0", "true", "1"));

        List<Map<String, String>> medians = Medians.of(rows);

        assertThat(medians).hasSize(2);
        Map<String, String> ours = medians.get(0);
        assertThat(ours.get("p99_ms")).isEqualTo("30.0");
        assertThat(ours.get("server_cpu_pct")).isEqualTo("75.0");
        assertThat(ours.get("within_knee")).isEqualTo("true");
        assertThat(ours.get("samples")).isEqualTo("3");
        assertThat(ours.get("p99_min_ms")).isEqualTo("20.0");
        assertThat(ours.get("p99_max_ms")).isEqualTo("900.0");
        // Identical values keep their text (names of the sections are built from them).
        assertThat(ours.get("subscribers")).isEqualTo("1000");
        assertThat(medians.get(1).get("samples")).isEqualTo("1");
    }

    @Test
    void evenCount_takesTheMeanOfTheMiddleTwo() {
        assertThat(Medians.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    private static Map<String, String> row(
            String label, String rate, String p99, String cpu, String knee, String sample) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("label", label);
        row.put("subscribers", "1000");
        row.put("rate", rate);
        row.put("p99_ms", p99);
        row.put("server_cpu_pct", cpu);
        row.put("within_knee", knee);
        row.put("sample", sample);
        return row;
    }
}
