package io.incidentstream.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ProcessCpuTest {

    @Test
    void systemTime_growsWithSystemCalls_andIsPartOfTheTotal() throws IOException {
        List<Long> self = List.of(ProcessHandle.current().pid());
        double system0 = ProcessCpu.systemSeconds(self);
        // Small writes to /dev/null are system calls and little else, until the kernel's clock ticks.
        try (RandomAccessFile devNull = new RandomAccessFile("/dev/null", "rw")) {
            while (ProcessCpu.systemSeconds(self) < system0 + 0.05) {
                for (int i = 0; i < 10_000; i++) {
                    devNull.write(i);
                }
            }
        }

        assertThat(ProcessCpu.systemSeconds(self)).isGreaterThanOrEqualTo(system0 + 0.05);
        assertThat(ProcessCpu.systemSeconds(self)).isLessThanOrEqualTo(ProcessCpu.seconds(self));
    }

    @Test
    void aProcessThatIsGone_countsNothing() {
        assertThat(ProcessCpu.systemSeconds(List.of(Long.MAX_VALUE))).isZero();
        assertThat(ProcessCpu.seconds(List.of(Long.MAX_VALUE))).isZero();
    }
}
