package io.incidentstream.application.fakes;

import io.incidentstream.application.port.out.IdGenerator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Ids 00000000-0000-0000-0000-000000000001, ...02, ... in the order asked for. Thread-safe. */
public final class SequentialIds implements IdGenerator {

    private final AtomicLong next = new AtomicLong(1);

    /** The {@code n}th id this generator hands out (from 1). */
    public static UUID nth(long n) {
        return new UUID(0, n);
    }

    @Override
    public UUID newId() {
        return nth(next.getAndIncrement());
    }

    /** How many ids were handed out. */
    public long issued() {
        return next.get() - 1;
    }
}
