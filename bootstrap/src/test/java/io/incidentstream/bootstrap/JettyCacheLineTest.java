package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each case runs in a JVM of its own, as Jetty reads the value once per JVM: what we preset is what
 * Jetty would have found by asking the JVM, with and without compressed references.
 */
@Timeout(120)
class JettyCacheLineTest {

    @Test
    void withCompressedReferences_theValueIsJettysOwn() throws Exception {
        assertThat(probe("preset", "-XX:+UseCompressedOops")).isEqualTo("preset=16 jetty=16");
        assertThat(probe("jetty-alone", "-XX:+UseCompressedOops")).isEqualTo("preset=null jetty=16");
    }

    @Test
    void withoutCompressedReferences_theValueIsJettysOwn() throws Exception {
        assertThat(probe("preset", "-XX:-UseCompressedOops")).isEqualTo("preset=8 jetty=8");
        assertThat(probe("jetty-alone", "-XX:-UseCompressedOops")).isEqualTo("preset=null jetty=8");
    }

    @Test
    void aWiderLine_givenToJetty_isTakenIntoAccount() throws Exception {
        assertThat(probe("preset", "-Dorg.eclipse.jetty.util.cacheLineBytes=128"))
                .isEqualTo("preset=32 jetty=32");
    }

    @Test
    void aValueGivenByTheOperator_isLeftAlone() throws Exception {
        assertThat(probe("preset", "-Dorg.eclipse.jetty.util.referencesPerCacheLine=4"))
                .isEqualTo("preset=4 jetty=4");
    }

    private static String probe(String mode, String... flags) throws Exception {
        return ProbeJvm.lastLine(List.of(flags), Probe.class, mode);
    }

    /** Presets the value (or not) and prints it beside the one Jetty then uses. */
    static final class Probe {
        public static void main(String[] args) {
            String preset = args[0].equals("preset") ? JettyCacheLine.preset() : null;
            System.out.println(
                    "preset=" + preset + " jetty=" + org.eclipse.jetty.util.MemoryUtils.getReferencesPerCacheLine());
        }
    }
}
