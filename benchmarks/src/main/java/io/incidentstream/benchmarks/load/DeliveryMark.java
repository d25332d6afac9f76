package io.incidentstream.benchmarks.load;

import java.util.List;

/**
 * The mark {@link Publisher} puts in each event ({@code bench-t0=<due nanoTime>;phase=<phase>;}), read
 * back from a message a Jetty client received as text: the delivery counts, with its latency, in the
 * figures of the event's phase. ({@link RawSubscribers} reads the same mark from the bytes, without
 * decoding them.)
 */
final class DeliveryMark {

    private static final String MARK = "bench-t0=";
    private static final String PHASE = ";phase=";

    private DeliveryMark() {}

    /** Records {@code text}, received at {@code nowNanos}, in the stats of its phase; false when it has no mark. */
    static boolean record(String text, long nowNanos, List<PhaseStats> phases) {
        int mark = text.indexOf(MARK);
        if (mark < 0) {
            return false;
        }
        int at = mark + MARK.length();
        boolean negative = text.charAt(at) == '-';
        if (negative) {
            at++;
        }
        long due = 0;
        while (text.charAt(at) != ';') {
            due = due * 10 + (text.charAt(at++) - '0');
        }
        due = negative ? -due : due;
        at += PHASE.length();
        int phase = 0;
        while (text.charAt(at) != ';') {
            phase = phase * 10 + (text.charAt(at++) - '0');
        }
        phases.get(phase).received(due, nowNanos);
        return true;
    }
}
