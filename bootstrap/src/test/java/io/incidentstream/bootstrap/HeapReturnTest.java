package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each case runs in a JVM of its own: the settings change the whole JVM, which must not be this one. */
class HeapReturnTest {

    @Test
    void onDefaults_allThreeSettingsAreApplied() throws Exception {
        assertThat(probe())
                .isEqualTo("applied={MinHeapFreeRatio=10, MaxHeapFreeRatio=30, G1PeriodicGCInterval=60000}"
                        + " now=10,30,60000");
    }

    @Test
    void anOperatorsFlag_isLeftAsItIs_andTheOthersAreApplied() throws Exception {
        assertThat(probe("-XX:MaxHeapFreeRatio=50"))
                .isEqualTo("applied={MinHeapFreeRatio=10, G1PeriodicGCInterval=60000} now=10,50,60000");
    }

    @Test
    void ratiosOnTheCommandLine_evenOutsideOurRange_areKept() throws Exception {
        assertThat(probe("-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=8"))
                .isEqualTo("applied={G1PeriodicGCInterval=60000} now=5,8,60000");
    }

    private static String probe(String... flags) throws Exception {
        List<String> all = new ArrayList<>();
        all.add("-XX:+UseG1GC");
        all.addAll(List.of(flags));
        return ProbeJvm.lastLine(all, Probe.class);
    }

    /** Applies the settings and prints what it applied and the three values that result. */
    static final class Probe {
        public static void main(String[] args) {
            var applied = HeapReturn.apply();
            HotSpotDiagnosticMXBean jvm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            System.out.println("applied=" + applied + " now="
                    + jvm.getVMOption("MinHeapFreeRatio").getValue() + ","
                    + jvm.getVMOption("MaxHeapFreeRatio").getValue() + ","
                    + jvm.getVMOption("G1PeriodicGCInterval").getValue());
        }
    }
}
