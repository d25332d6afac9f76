package io.incidentstream.client;

import java.time.Duration;

/**
 * Reconnect delays: before attempt n, a random wait in [0, min(max, initial * 2^n)] (full jitter),
 * reset only after a connection stayed open for {@code stable}.
 */
public record Backoff(Duration initial, Duration max, Duration stable) {

    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofSeconds(10));
    }
}
