package io.incidentstream.adapters.redis;

import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How this module's Redis clients retry a lost connection. Lettuce's default doubles the pause
 * between attempts up to 30 s, so a node kept refusing publishes for up to that long after Redis
 * was back (measured from outside: 24.7 s of 503 after a 40 s outage, on every node at once).
 * Here the pause doubles from 100 ms to at most a second, with jitter so that nodes do not all
 * knock at the same instant: a node is back within about a second of Redis, at the price of one
 * connection attempt a second per node while Redis is away.
 */
final class Reconnects {

    private Reconnects() {}

    static Delay delay() {
        return Delay.equalJitter(Duration.ofMillis(100), Duration.ofSeconds(1), 100, TimeUnit.MILLISECONDS);
    }
}
