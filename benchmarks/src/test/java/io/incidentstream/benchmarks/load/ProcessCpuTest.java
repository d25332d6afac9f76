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
        double system0 = ProcessCpu.read(self).systemSeconds();
        // Small writes to /dev/null are system calls and little else, until the kernel's clock ticks.
        try (RandomAccessFile devNull = new RandomAccessFile("/dev/null", "rw")) {
            while (ProcessCpu.read(self).systemSeconds() < system0 + 0.05) {
                for (int i = 0; i < 10_000; i++) {
                    devNull.write(i);
                }
            }
        }

        assertThat(ProcessCpu.read(self).systemSeconds()).isGreaterThanOrEqualTo(system0 + 0.05);
        ProcessCpu.Reading reading = ProcessCpu.read(self);
        assertThat(reading.systemSeconds()).isLessThanOrEqualTo(reading.seconds());
    }

    @Test
    void compilerTime_isThisJvmsJitThreads_andPartOfTheTotal() {
        List<Long> self = List.of(ProcessHandle.current().pid());
        // Code that grows hot gets compiled; until the compiler threads' time reaches a clock tick, make more.
        long sink = 0;
        for (int round = 0; ProcessCpu.read(self).compilerSeconds() == 0; round++) {
            sink += new java.util.TreeMap<>(java.util.Map.of(round, String.valueOf(round)))
                    .toString()
                    .hashCode();
        }

        ProcessCpu.Reading reading = ProcessCpu.read(self);
        assertThat(reading.compilerSeconds()).as("after %d", sink).isPositive();
        assertThat(reading.compilerSeconds()).isLessThanOrEqualTo(reading.seconds());
        assertThat(reading.since(reading)).isEqualTo(new ProcessCpu.Reading(0, 0, 0));
    }

    @Test
    void aProcessThatIsNotAJvm_hasNoCompilerTime() throws Exception {
        Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            List<Long> shell = List.of(busy.pid());
            while (ProcessCpu.seconds(shell) < 0.05) {
                Thread.onSpinWait();
            }
            assertThat(ProcessCpu.read(shell).compilerSeconds()).isZero();
        } finally {
            busy.destroyForcibly().waitFor();
        }
    }

    @Test
    void aProcessThatIsGone_countsNothing() {
        assertThat(ProcessCpu.read(List.of(Long.MAX_VALUE)).systemSeconds()).isZero();
        assertThat(ProcessCpu.seconds(List.of(Long.MAX_VALUE))).isZero();
        assertThat(ProcessCpu.read(List.of(Long.MAX_VALUE)).seconds()).isZero();
        assertThat(ProcessCpu.read(List.of(Long.MAX_VALUE)).compilerSeconds()).isZero();
    }
}
