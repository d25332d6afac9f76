package io.incidentstream.adapters.redis;

import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How this module's Redis clients retry a lost connection. Lettuce's default doubles the pause
 * between attempts up to 30 s, so a node kept refusing publishes for up to that long after Redis
 * was back (measured from outside: 24.7 s of 503 after a 40 s outage, on every node at once).
 * Here the pause doubles from 100 ms to between half a second and a second, at random so that
 * nodes do not all knock at the same instant: a node is back within about a second of Redis, at
 * the price of one or two connection attempts a second per connection while Redis is away.
 *
 * <p>Lettuce's names are the other way round from the usual ones: its {@code fullJitter} is
 * {@code d/2 + random(d/2)}, which keeps the cap's half as a floor, while its {@code equalJitter}
 * is {@code random(d)} with the bounds applied after, which sits on the cap without jitter and,
 * once {@code base * 2^attempt} overflows (attempt 58, about a minute into an outage), falls to
 * the lower bound: ten attempts a second.
 */
final class Reconnects {

    private Reconnects() {}

    static Delay delay() {
        return Delay.fullJitter(Duration.ofMillis(100), Duration.ofSeconds(1), 100, TimeUnit.MILLISECONDS);
    }
}
