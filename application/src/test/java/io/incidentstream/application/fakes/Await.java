package io.incidentstream.application.fakes;

import java.util.function.BooleanSupplier;

/** Waits for a condition another thread brings about, up to a deadline; no fixed sleeps. The deadline is
 * generous because it only ends a failing test: on a shared two-core machine under load, 10,000 spinning
 * hand-offs took longer than 5 s. */
public final class Await {

    private static final long TIMEOUT_NANOS = 30_000_000_000L;

    private Await() {}

    public static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after 30s waiting until " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
