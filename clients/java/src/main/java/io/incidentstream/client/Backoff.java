package io.incidentstream.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays: before attempt n, a random wait in [0, min(max, initial * 2^n)] (full jitter),
 * reset only after a connection stayed open for {@code stable}.
 */
public record Backoff(Duration initial, Duration max, Duration stable) {

    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    /** The wait before attempt n: drawn from the whole window, so that many clients spread out. */
    long delayMillis(int attempt) {
        double ceiling = Math.min(max.toMillis(), initial.toMillis() * Math.pow(2, attempt));
        return (long) (ThreadLocalRandom.current().nextDouble() * ceiling);
    }
}
