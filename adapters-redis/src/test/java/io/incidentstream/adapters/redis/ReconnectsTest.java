package io.incidentstream.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pause between reconnect attempts: short at first, then half a second to a second however long
 * Redis stays away (the attempt counter is never reset during an outage), and at random.
 */
@Timeout(10)
class ReconnectsTest {

    private final Delay delay = Reconnects.delay();

    @Test
    void theFirstAttempts_comeQuickly() {
        assertThat(delay.createDelay(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void laterAttempts_waitHalfASecondToASecond_atRandom_evenPastWhereTheDoublingOverflows() {
        Set<Duration> seen = new HashSet<>();
        for (long attempt = 10; attempt <= 5_000; attempt += 7) {
            Duration pause = delay.createDelay(attempt);
            assertThat(pause).as("attempt %d", attempt).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            seen.add(pause);
        }
        assertThat(seen).as("jitter").hasSizeGreaterThan(10);
    }
}
