package io.incidentstream.bootstrap.cluster;

import io.incidentstream.bootstrap.AlertmanagerProcess;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Waiting for a real Alertmanager to have delivered its webhooks, as its own log says: the one
 * sign of a delivery that publishes nothing (a repeated resolve). Public for the single-server
 * Alertmanager test beside the cluster's.
 */
public final class AlertmanagerDeliveries {

    private static final String SUCCESS = "msg=\"Notify success\"";

    private AlertmanagerDeliveries() {}

    /** Waits until {@code alertmanager} has logged {@code deliveries} successful webhook deliveries. */
    public static void await(AlertmanagerProcess alertmanager, int deliveries, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (countOf(alertmanager.log(), SUCCESS) < deliveries) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Alertmanager did not deliver " + deliveries + " webhooks within " + within
                        + ":\n" + alertmanager.log());
            }
            // Its log is a file: looked at again shortly, rather than read in a busy loop.
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private static int countOf(String text, String what) {
        int count = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            count++;
        }
        return count;
    }
}
