package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class StartupWarmUpTest {

    /** A renamed or removed class would turn the warm-up into a silent no-op: every name must resolve. */
    @Test
    void everyNamedClass_exists() throws Exception {
        ClassLoader loader = StartupWarmUp.class.getClassLoader();
        for (String name : StartupWarmUp.CLASSES) {
            assertThat(Class.forName(name, false, loader)).as(name).isNotNull();
        }
    }

    @Test
    void theThread_isADaemon_andEndsByItself() throws Exception {
        Thread thread = StartupWarmUp.start();
        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).isEqualTo("incident-stream-warm-up");
        thread.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(thread.isAlive()).as("still warming up after 30 s").isFalse();
    }
}
